package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.api.MirrorFlow.Condition;
import io.driftwatch.engine.api.ReplicationLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowWatchTest {
    private static final String EU = "eu-west-1";
    private static final String US = "us-east-1";
    private static final List<String> REGIONS = List.of(US, EU);
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private final FlowWatch watch = new FlowWatch(Duration.ofSeconds(6));

    /** One reading: the flow eu → us copying one partition ({@code sourceEnd}, {@code copyEnd}); us → eu caught up. */
    private MirrorFlow euToUs(int second, long sourceEnd, long copyEnd, long lagMillis, Set<String> unreachable) {
        List<ReplicationLag> partitions = List.of(
                new ReplicationLag(EU, US, "gm.orders", 0, sourceEnd, copyEnd, Math.max(0, sourceEnd - copyEnd), lagMillis),
                new ReplicationLag(US, EU, "gm.orders", 0, 10, 10, 0, 0));
        List<MirrorFlow> flows = watch.observe(T0.plusSeconds(second), REGIONS, partitions, unreachable);
        assertThat(flows).hasSize(2);
        return flows.stream().filter(f -> f.from().equals(EU)).findFirst().orElseThrow();
    }

    @Test
    void aFlowThatIsBehindButAdvancingIsCopyingNotStalled() {
        for (int s = 0; s < 60; s += 2) {
            assertThat(euToUs(s, 1000 + 100L * s, 950 + 100L * s, 400, Set.of()).condition()).isEqualTo(Condition.COPYING);
        }
    }

    @Test
    void aFlowWhoseCopiesStopGrowingWhileBehindIsStalledSinceItsLastProgress() {
        euToUs(0, 100, 90, 300, Set.of());
        euToUs(2, 200, 150, 300, Set.of()); // last progress
        assertThat(euToUs(4, 300, 150, 2300, Set.of()).condition()).isEqualTo(Condition.COPYING);
        assertThat(euToUs(7, 400, 150, 5300, Set.of()).condition()).as("not yet 6 s").isEqualTo(Condition.COPYING);
        MirrorFlow stalled = euToUs(8, 500, 150, 6300, Set.of());
        assertThat(stalled.condition()).isEqualTo(Condition.STALLED);
        assertThat(stalled.since()).isEqualTo(T0.plusSeconds(2));
        assertThat(stalled.behindRecords()).isEqualTo(350);
        assertThat(stalled.describe()).contains("eu-west-1 → us-east-1 stalled since 2026-12-04T12:00:02Z").contains("350 records");
        assertThat(euToUs(30, 600, 150, 28300, Set.of()).since()).as("the stall keeps its start").isEqualTo(T0.plusSeconds(2));
        assertThat(euToUs(32, 600, 300, 100, Set.of()).condition()).as("resumed").isEqualTo(Condition.COPYING);
    }

    @Test
    void aCopyWithDuplicatesButWithoutTheNewestRecordIsBehind() {
        euToUs(0, 100, 120, 2000, Set.of());
        assertThat(euToUs(10, 100, 120, 2000, Set.of()).condition()).isEqualTo(Condition.STALLED);
    }

    @Test
    void aCopyWithFewerRecordsButTheNewestOneIsCaughtUp() {
        // Transaction markers take offsets in the original that the copy does not have.
        for (int s = 0; s < 30; s += 5) {
            assertThat(euToUs(s, 120, 100, 0, Set.of()).condition()).isEqualTo(Condition.CAUGHT_UP);
        }
    }

    @Test
    void aCaughtUpFlowWithNothingToCopyNeverStalls() {
        for (int s = 0; s < 60; s += 5) {
            MirrorFlow f = euToUs(s, 100, 100, 0, Set.of());
            assertThat(f.condition()).isEqualTo(Condition.CAUGHT_UP);
            assertThat(f.since()).isEqualTo(T0);
        }
    }

    @Test
    void anUnreachableTargetIsNotAStallAndTheFlowGetsTheFullLimitOnceItAnswers() {
        euToUs(0, 100, 100, 0, Set.of());
        for (int s = 2; s <= 60; s += 2) {
            assertThat(euToUs(s, 100 + s, 0, 0, Set.of(US)).condition()).isEqualTo(Condition.UNREACHABLE);
        }
        assertThat(euToUs(62, 200, 100, 50_000, Set.of()).condition()).as("just back").isEqualTo(Condition.COPYING);
        assertThat(euToUs(66, 220, 100, 50_000, Set.of()).condition()).isEqualTo(Condition.COPYING);
        assertThat(euToUs(68, 230, 100, 50_000, Set.of()).condition()).isEqualTo(Condition.STALLED);
    }

    @Test
    void theFirstReadingOfABehindFlowStartsItsClock() {
        assertThat(euToUs(0, 100, 50, 900, Set.of()).condition()).isEqualTo(Condition.COPYING);
        assertThat(euToUs(6, 100, 50, 900, Set.of()).condition()).isEqualTo(Condition.STALLED);
    }
}
