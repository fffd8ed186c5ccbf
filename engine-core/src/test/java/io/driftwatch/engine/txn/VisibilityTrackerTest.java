package io.driftwatch.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VisibilityTrackerTest {

    @Test
    void aTransactionWrittenEarlyWaitsForTheOnesCommittedBeforeIt() {
        VisibilityTracker tracker = new VisibilityTracker(0);
        tracker.ended(100, "t1");
        tracker.ended(200, "t2");
        tracker.ended(300, "t3");
        assertThat(tracker.written(200)).isZero();
        assertThat(tracker.written(300)).isZero();
        assertThat(tracker.waitingFor()).containsOnlyKeys(100L);
        assertThat(tracker.written(100)).isEqualTo(300);
        assertThat(tracker.waitingFor()).isEmpty();
    }

    @Test
    void namesThePositionsEachAdvancePassedSoTheirStateCanBeDropped() {
        VisibilityTracker tracker = new VisibilityTracker(0);
        tracker.ended(100, "t1");
        tracker.ended(200, "t2");
        tracker.written(200);
        assertThat(tracker.passed()).isEmpty();
        tracker.written(100);
        assertThat(tracker.passed()).containsExactly(100L, 200L);
        tracker.ended(300, "t3");
        assertThat(tracker.passed()).isEmpty();
    }

    @Property
    void thePassedPositionsAreExactlyThePendingOnesAtOrBelowTheNewVisiblePosition(@ForAll @IntRange(min = 1, max = 40) int count,
                                                                                   @ForAll long seed) {
        Random random = new Random(seed);
        List<Long> positions = new ArrayList<>();
        for (long p = 1; p <= count; p++) {
            positions.add(p * 10);
        }
        List<Long> writes = new ArrayList<>(positions);
        Collections.shuffle(writes, random);
        VisibilityTracker tracker = new VisibilityTracker(0);
        positions.forEach(p -> tracker.ended(p, "t" + p));
        for (long position : writes) {
            java.util.Set<Long> pendingBefore = tracker.snapshot().pending().keySet();
            long after = tracker.written(position);
            assertThat(tracker.passed()).isEqualTo(pendingBefore.stream().filter(p -> p <= after).sorted().toList());
        }
    }

    @Test
    void writesReportedBeforeTheirEndAreRemembered() {
        VisibilityTracker tracker = new VisibilityTracker(0);
        tracker.written(100);
        assertThat(tracker.ended(100, "t1")).isEqualTo(100);
    }

    @Test
    void replayedTransactionsBelowTheVisiblePositionChangeNothing() {
        VisibilityTracker tracker = new VisibilityTracker(500);
        assertThat(tracker.ended(400, "old")).isEqualTo(500);
        assertThat(tracker.written(400)).isEqualTo(500);
        assertThat(tracker.waitingFor()).isEmpty();
    }

    @Test
    void survivesACheckpointRoundTrip() {
        VisibilityTracker tracker = new VisibilityTracker(0);
        tracker.ended(100, "t1");
        tracker.ended(200, "t2");
        tracker.written(200);
        VisibilityTracker restored = VisibilityTracker.restore(tracker.snapshot());
        assertThat(restored.written(100)).isEqualTo(200);
    }

    /** Whatever order ENDs and writes interleave in, the visible position is the longest fully written prefix. */
    @Property(tries = 2000)
    void visibleIsAlwaysTheLongestWrittenPrefix(@ForAll @IntRange(min = 1, max = 40) int count, @ForAll long seed) {
        Random random = new Random(seed);
        List<long[]> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(new long[] {0, i * 10L});
            events.add(new long[] {1, i * 10L});
        }
        Collections.shuffle(events, random);
        // ENDs keep their relative (commit) order: they come from one ordered partition.
        List<Long> endOrder = new ArrayList<>();
        for (long[] e : events) {
            if (e[0] == 0) {
                endOrder.add(e[1]);
            }
        }
        Collections.sort(endOrder);
        int nextEnd = 0;
        VisibilityTracker tracker = new VisibilityTracker(0);
        java.util.Set<Long> writtenSoFar = new java.util.HashSet<>();
        java.util.Set<Long> endedSoFar = new java.util.HashSet<>();
        for (long[] e : events) {
            long visible;
            if (e[0] == 0) {
                long position = endOrder.get(nextEnd++);
                endedSoFar.add(position);
                visible = tracker.ended(position, "t" + position);
            } else {
                writtenSoFar.add(e[1]);
                visible = tracker.written(e[1]);
            }
            long expected = 0;
            for (long p = 10; endedSoFar.contains(p) && writtenSoFar.contains(p); p += 10) {
                expected = p;
            }
            assertThat(visible).isEqualTo(expected);
        }
        assertThat(tracker.visible()).isEqualTo(count * 10L);
    }
}
