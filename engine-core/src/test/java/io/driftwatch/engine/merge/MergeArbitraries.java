package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators shared by the law tests. Domains are deliberately small (few regions, small
 * counters, few values) so that equal, dominated and concurrent cases all come up often.
 */
final class MergeArbitraries {
    static final List<String> REGIONS = List.of("a", "b", "c", "d");

    private MergeArbitraries() {
    }

    static Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    static Arbitrary<VersionVector> vectors() {
        return Arbitraries.maps(regions(), Arbitraries.longs().between(0, 4)).ofMaxSize(4).map(VersionVector::of);
    }

    static Arbitrary<HybridTimestamp> timestamps() {
        return Combinators.combine(
                Arbitraries.longs().between(0, 5),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of("a", "b", "c")).as(HybridTimestamp::new);
    }

    static Arbitrary<Dot> dots() {
        return Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.longs().between(1, 6)).as(Dot::new);
    }

    static Arbitrary<String> smallValues() {
        return Arbitraries.of("x", "y", "z");
    }

    static Arbitrary<Versioned<String>> versions() {
        return Combinators.combine(smallValues(), vectors(), timestamps()).as(Versioned::new);
    }

    static Arbitrary<RegionSimulation.Step> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 127),
                Arbitraries.integers().between(0, 1000)).as(RegionSimulation.Step::new);
    }

    static Arbitrary<List<RegionSimulation.Step>> scripts() {
        return steps().list().ofMinSize(1).ofMaxSize(10);
    }

    /**
     * The changes in a random order with random duplicates — what at-least-once delivery over two
     * mirrored topics can do.
     */
    static List<Change> shuffledWithDuplicates(List<Change> changes, long seed) {
        Random random = new Random(seed);
        List<Change> delivered = new ArrayList<>(changes);
        for (Change change : changes) {
            if (random.nextInt(3) == 0) {
                delivered.add(change);
            }
        }
        java.util.Collections.shuffle(delivered, random);
        return delivered;
    }

    /** The changes whose bit is set in {@code mask} (bit i for change i). */
    static List<Change> subset(List<Change> changes, long mask) {
        List<Change> chosen = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            if ((mask >>> (i % 64) & 1) != 0) {
                chosen.add(changes.get(i));
            }
        }
        return chosen;
    }

    static RowState applyAll(RowMerger merger, List<Change> changes) {
        RowState state = Inventory.empty();
        for (Change change : changes) {
            state = merger.apply(state, change).state();
        }
        return state;
    }
}
