package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PnCounterTest {

    @Test
    void tracksEachRegionsIncreasesAndDecreasesSeparately() {
        PnCounter counter = PnCounter.zero().add("us", 10).add("us", -6).add("eu", -7);
        assertThat(counter.value()).isEqualTo(-3);
        assertThat(counter.plus("us")).isEqualTo(10);
        assertThat(counter.minus("us")).isEqualTo(6);
        assertThat(counter.contribution("eu")).isEqualTo(-7);
        assertThat(counter.regions()).containsExactly("eu", "us");
    }

    @Test
    void aDeltaDeliveredTwiceCountsOnce() {
        PnCounter once = PnCounter.zero().add(new Dot("us", 1), -6);
        assertThat(once.add(new Dot("us", 1), -6)).isEqualTo(once);
        assertThat(once.merge(once).value()).isEqualTo(-6);
    }

    @Test
    void deltasMayArriveOutOfOrderAndFoldOnceTheGapCloses() {
        PnCounter early = PnCounter.zero().add(new Dot("us", 3), 5).add(new Dot("us", 2), -1);
        assertThat(early.value()).isEqualTo(4);
        assertThat(early.tallies().get("us").pending()).containsOnlyKeys(2L, 3L);
        PnCounter complete = early.add(new Dot("us", 1), 10);
        assertThat(complete.value()).isEqualTo(14);
        assertThat(complete.tallies().get("us").pending()).isEmpty();
        assertThat(complete.tallies().get("us").through()).isEqualTo(3);
    }

    @Test
    void replicasThatSawTheSameDeltasInDifferentOrdersAreEqual() {
        PnCounter inOrder = PnCounter.zero().add(new Dot("us", 1), 10).add(new Dot("us", 2), -6).add(new Dot("eu", 1), -7);
        PnCounter reversed = PnCounter.zero().add(new Dot("eu", 1), -7).add(new Dot("us", 2), -6).add(new Dot("us", 1), 10);
        assertThat(inOrder).isEqualTo(reversed);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsCommutative(@ForAll("counters") PnCounter a, @ForAll("counters") PnCounter b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAssociative(@ForAll("counters") PnCounter a, @ForAll("counters") PnCounter b, @ForAll("counters") PnCounter c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsIdempotent(@ForAll("counters") PnCounter a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void theValueIsTheSumOfTheDistinctDeltas(@ForAll("dotLists") List<Dot> dots) {
        PnCounter counter = PnCounter.zero();
        for (Dot dot : dots) {
            counter = counter.add(dot, delta(dot));
        }
        long expected = dots.stream().distinct().mapToLong(PnCounterTest::delta).sum();
        assertThat(counter.value()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<PnCounter> counters() {
        return dotLists().map(dots -> {
            PnCounter counter = PnCounter.zero();
            for (Dot dot : dots) {
                counter = counter.add(dot, delta(dot));
            }
            return counter;
        });
    }

    @Provide
    Arbitrary<List<Dot>> dotLists() {
        return MergeArbitraries.dots().list().ofMaxSize(12);
    }

    /** One dot, one delta: the delta is a function of the dot, as it is for a real change. */
    static long delta(Dot dot) {
        return Math.floorMod(dot.region().hashCode() * 31L + dot.counter() * 7919L, 21) - 10;
    }
}
