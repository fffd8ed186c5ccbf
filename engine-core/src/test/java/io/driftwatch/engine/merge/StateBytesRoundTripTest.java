package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.merging.StateBytes;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Row states, changes and conflicts survive the bytes the job keeps them as in Flink's state. */
class StateBytesRoundTripTest {

    @Provide
    Arbitrary<List<RegionSimulation.Step>> scripts() {
        return MergeArbitraries.scripts();
    }

    @Property(tries = 1_000, generation = GenerationMode.RANDOMIZED)
    void aMergedRowStateReadsBackEqualAndMergesOnTheSame(@ForAll("scripts") List<RegionSimulation.Step> script) {
        RowMerger merger = Inventory.merger();
        List<Change> changes = RegionSimulation.play(script);
        RowState state = MergeArbitraries.applyAll(merger, changes);

        RowState read = StateBytes.read(StateBytes.write(state), RowState.class);

        assertThat(read).isEqualTo(state);
        assertThat(merger.conflicts(read)).isEqualTo(merger.conflicts(state));
        for (Change change : changes) {
            assertThat(merger.apply(read, change).state()).isEqualTo(merger.apply(state, change).state());
        }
    }

    @Property(tries = 1_000, generation = GenerationMode.RANDOMIZED)
    void changesAndConflictsReadBackEqual(@ForAll("scripts") List<RegionSimulation.Step> script) {
        RowMerger merger = Inventory.merger();
        List<Change> changes = RegionSimulation.play(script);
        for (Change change : changes) {
            assertThat(StateBytes.read(StateBytes.write(change), Change.class)).isEqualTo(change);
        }
        List<Conflict> conflicts = new ArrayList<>(merger.conflicts(MergeArbitraries.applyAll(merger, changes)));
        assertThat(StateBytes.read(StateBytes.write(new ArrayList<>(conflicts)), ArrayList.class)).isEqualTo(conflicts);
    }
}
