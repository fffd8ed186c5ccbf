package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ResumePlannerTest {
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    @Test
    void theFailedRegionsDataResumesAtTheCopyOffsetOfTheNewestMirrorCheckpointNotPastIt() {
        RecordedPosition us = new RecordedPosition(US, US, "gm.public.orders", 0, 120, 1_000);
        Map<String, NavigableMap<Long, Long>> checkpoints = Map.of("us-east-1.gm.public.orders-0", map(50L, 48L, 110L, 107L, 130L, 127L));
        List<Placement> plan = ResumePlanner.plan(List.of(us), EU, checkpoints, Map.of(), Map.of());
        assertThat(plan).containsExactly(new Placement(US, "us-east-1.gm.public.orders", 0, 107, Placement.Method.MIRROR_CHECKPOINT));
    }

    @Test
    void theNewRegionsOwnDataResumesAtTheOriginalOffsetOfTheNewestOffsetSyncAtOrBelowTheCopyPosition() {
        RecordedPosition eu = new RecordedPosition(EU, US, "gm.transaction", 0, 75, 2_000);
        Map<String, NavigableMap<Long, Long>> syncs = Map.of("gm.transaction-0", map(60L, 64L, 80L, 84L));
        List<Placement> plan = ResumePlanner.plan(List.of(eu), EU, Map.of(), syncs, Map.of());
        assertThat(plan).containsExactly(new Placement(EU, "gm.transaction", 0, 64, Placement.Method.OFFSET_SYNC));
    }

    @Test
    void aTimestampPlacementCloserThanMirrorMakersWins() {
        RecordedPosition us = new RecordedPosition(US, US, "gm.public.orders", 0, 120, 1_000);
        Map<String, NavigableMap<Long, Long>> checkpoints = Map.of("us-east-1.gm.public.orders-0", map(50L, 48L));
        List<Placement> plan = ResumePlanner.plan(List.of(us), EU, checkpoints, Map.of(), Map.of("us-east-1.gm.public.orders-0", 117L));
        assertThat(plan.get(0).offset()).isEqualTo(117);
        assertThat(plan.get(0).method()).isEqualTo(Placement.Method.TIMESTAMP);
    }

    @Test
    void aPartitionNothingPlacesIsReadFromTheBeginning() {
        RecordedPosition us = new RecordedPosition(US, US, "gm.public.lines", 2, 900, 5);
        assertThat(ResumePlanner.plan(List.of(us), EU, Map.of(), Map.of(), Map.of()))
                .containsExactly(new Placement(US, "us-east-1.gm.public.lines", 2, 0, Placement.Method.BEGINNING));
    }

    @Test
    void aPartitionAlreadyReadInTheTargetClusterKeepsItsExactOffset() {
        RecordedPosition eu = new RecordedPosition(EU, EU, "gm.public.orders", 0, 42, 5);
        assertThat(ResumePlanner.plan(List.of(eu), EU, Map.of(), Map.of(), Map.of()).get(0).offset()).isEqualTo(42);
    }

    /**
     * Whatever MirrorMaker recorded, the chosen copy offset never lies past the copy of the first
     * record the checkpoint had not read: syncs pair an original offset with its copy's offset,
     * and copies keep order, so any pair at or below the position maps at or below its copy.
     */
    @Property(tries = 2000)
    void theMirrorCheckpointPlacementNeverSkipsAnUnreadRecord(@ForAll @IntRange(min = 0, max = 500) int position,
                                                              @ForAll @IntRange(min = 0, max = 50) int gapsSeed) {
        // Original offset o is copied to o + shift(o), shift growing (copies may skip transaction markers).
        java.util.Random random = new java.util.Random(gapsSeed);
        NavigableMap<Long, Long> pairs = new TreeMap<>();
        long shift = 0;
        for (long o = 0; o <= 600; o++) {
            if (random.nextInt(10) == 0) {
                shift++;
            }
            if (random.nextInt(7) == 0) {
                pairs.put(o, o - Math.min(shift, o));
            }
        }
        RecordedPosition p = new RecordedPosition(US, US, "t", 0, position, 0);
        long chosen = ResumePlanner.plan(List.of(p), EU, Map.of("us-east-1.t-0", pairs), Map.of(), Map.of()).get(0).offset();
        Map.Entry<Long, Long> floor = pairs.floorEntry((long) position);
        long firstUnreadCopy = floor == null ? 0 : floor.getValue() + (position - floor.getKey());
        assertThat(chosen).isLessThanOrEqualTo(Math.max(0, firstUnreadCopy));
    }

    private static NavigableMap<Long, Long> map(Long... kv) {
        NavigableMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
