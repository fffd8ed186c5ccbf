package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The laws of invariant 3 over changes that three simulated regions really could emit
 * ({@link RegionSimulation}), every column policy at once.
 */
class RowMergeLawsTest {
    private final RowMerger merger = Inventory.merger();

    private RowState stateOf(List<Change> history, long mask) {
        return MergeArbitraries.applyAll(merger, MergeArbitraries.subset(history, mask));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void rowMergeIsCommutative(@ForAll("scripts") List<RegionSimulation.Step> script, @ForAll long maskA, @ForAll long maskB) {
        List<Change> history = RegionSimulation.play(script);
        RowState a = stateOf(history, maskA);
        RowState b = stateOf(history, maskB);
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void rowMergeIsAssociative(@ForAll("scripts") List<RegionSimulation.Step> script,
                               @ForAll long maskA, @ForAll long maskB, @ForAll long maskC) {
        List<Change> history = RegionSimulation.play(script);
        RowState a = stateOf(history, maskA);
        RowState b = stateOf(history, maskB);
        RowState c = stateOf(history, maskC);
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void rowMergeIsIdempotent(@ForAll("scripts") List<RegionSimulation.Step> script, @ForAll long mask) {
        RowState a = stateOf(RegionSimulation.play(script), mask);
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void anyDeliveryOrderWithDuplicatesYieldsTheSameStateAndConflicts(@ForAll("scripts") List<RegionSimulation.Step> script,
                                                                      @ForAll long seed) {
        List<Change> history = RegionSimulation.play(script);
        RowState inOrder = MergeArbitraries.applyAll(merger, history);
        RowState shuffled = MergeArbitraries.applyAll(merger, MergeArbitraries.shuffledWithDuplicates(history, seed));

        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(shuffled.view()).isEqualTo(inOrder.view());
        assertThat(conflictIds(shuffled)).isEqualTo(conflictIds(inOrder));

        // Guard against a vacuous law: the histories must often contain what makes merging hard.
        boolean concurrent = history.stream().anyMatch(x -> history.stream().anyMatch(y -> x.vector().compare(y.vector()) == Causality.CONCURRENT));
        Set<ConflictKind> kinds = merger.conflicts(inOrder).stream().map(Conflict::kind).collect(Collectors.toSet());
        Statistics.label("concurrent changes").collect(concurrent);
        Statistics.label("manual conflict").collect(kinds.contains(ConflictKind.CONCURRENT_MANUAL));
        Statistics.label("invariant conflict").collect(kinds.contains(ConflictKind.INVARIANT_VIOLATION));
        Statistics.label("concurrent changes").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("manual conflict").coverage(c -> c.check(true).percentage(p -> p > 2));
        Statistics.label("invariant conflict").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void causallyOrderedChangesNeverProduceAConflict(@ForAll("scripts") List<RegionSimulation.Step> script) {
        RowState state = Inventory.empty();
        for (Change change : RegionSimulation.playCausalChain(script)) {
            MergeOutcome outcome = merger.apply(state, change);
            assertThat(outcome.causality()).isEqualTo(Causality.AFTER);
            assertThat(outcome.conflicts()).isEmpty();
            state = outcome.state();
        }
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void aReplayedChangeHasNoEffect(@ForAll("scripts") List<RegionSimulation.Step> script, @ForAll long mask) {
        List<Change> history = RegionSimulation.play(script);
        RowState state = MergeArbitraries.applyAll(merger, MergeArbitraries.subset(history, mask));
        for (Change replayed : MergeArbitraries.subset(history, mask)) {
            MergeOutcome outcome = merger.apply(state, replayed);
            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.causality().isCoveredByOther()).isTrue();
        }
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void aChangeThatDominatesTheRowReplacesEveryRegisterItWrites(@ForAll("scripts") List<RegionSimulation.Step> script,
                                                                 @ForAll long mask, @ForAll long physical) {
        RowState state = stateOf(RegionSimulation.play(script), mask);
        // A region that has seen the whole row writes; its clock may read anything, even the epoch.
        String region = "us-east-1";
        Map<String, ColumnEdit> edits = new HashMap<>();
        for (String column : Inventory.REGISTER_COLUMNS) {
            edits.put(column, new ColumnEdit.Assign("final-" + column));
        }
        Change dominating = new Change(Inventory.TABLE, Inventory.KEY, region, state.vector().increment(region),
                new HybridTimestamp(Math.floorMod(physical, 1_000L), 0, region), edits);

        MergeOutcome outcome = merger.apply(state, dominating);

        assertThat(outcome.causality()).isEqualTo(Causality.AFTER);
        for (String column : Inventory.REGISTER_COLUMNS) {
            assertThat(outcome.state().value(column)).isEqualTo("final-" + column);
        }
        assertThat(outcome.conflicts()).noneMatch(c -> c.kind() == ConflictKind.CONCURRENT_MANUAL);
    }

    private Set<String> conflictIds(RowState state) {
        return merger.conflicts(state).stream().map(Conflict::id).collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<List<RegionSimulation.Step>> scripts() {
        return MergeArbitraries.scripts();
    }
}
