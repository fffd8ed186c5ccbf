package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VersionVectorTest {

    @Test
    void comparesToExactlyOneOfBeforeAfterEqualConcurrent() {
        VersionVector us2 = VersionVector.of("us", 2);
        VersionVector us2eu1 = VersionVector.of("us", 2, "eu", 1);
        VersionVector eu3 = VersionVector.of("eu", 3);

        assertThat(us2.compare(us2eu1)).isEqualTo(Causality.BEFORE);
        assertThat(us2eu1.compare(us2)).isEqualTo(Causality.AFTER);
        assertThat(us2.compare(VersionVector.of("us", 2))).isEqualTo(Causality.EQUAL);
        assertThat(us2.compare(eu3)).isEqualTo(Causality.CONCURRENT);
        assertThat(VersionVector.empty().compare(us2)).isEqualTo(Causality.BEFORE);
    }

    @Test
    void mergeIsThePointwiseMaximum() {
        assertThat(VersionVector.of("us", 2, "eu", 1).merge(VersionVector.of("eu", 3, "ap", 1)))
                .isEqualTo(VersionVector.of("us", 2, "eu", 3, "ap", 1));
    }

    @Test
    void incrementCountsOneMoreEventOfTheRegion() {
        VersionVector v = VersionVector.of("us", 2).increment("eu").increment("us");
        assertThat(v).isEqualTo(VersionVector.of("us", 3, "eu", 1));
        assertThat(v.dot("us")).isEqualTo(new Dot("us", 3));
        assertThat(v.contains(new Dot("eu", 1))).isTrue();
        assertThat(v.contains(new Dot("eu", 2))).isFalse();
    }

    @Test
    void zeroEntriesAreDroppedSoEqualVectorsAreEqualValues() {
        assertThat(VersionVector.of("us", 0, "eu", 1)).isEqualTo(VersionVector.of("eu", 1));
        assertThat(VersionVector.of("us", 0)).isEqualTo(VersionVector.empty());
    }

    @Test
    void rejectsNegativeCountersAndEmptyRegionIds() {
        assertThatThrownBy(() -> VersionVector.of("us", -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> VersionVector.of("", 1)).hasMessageContaining("empty");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void compareIsReflexiveAndAgreesWithEquality(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.compare(a)).isEqualTo(Causality.EQUAL);
        assertThat(a.compare(b) == Causality.EQUAL).isEqualTo(a.equals(b));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void compareIsAntisymmetric(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(b.compare(a)).isEqualTo(a.compare(b).inverse());
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void happenedBeforeIsTransitive(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b, @ForAll("vectors") VersionVector c) {
        VersionVector ab = a.merge(b); // a <= ab <= ab+c, built so the premise holds every time
        VersionVector abc = ab.merge(c);
        assertThat(abc.dominatesOrEquals(a)).isTrue();
        if (b.dominatesOrEquals(a) && c.dominatesOrEquals(b)) {
            assertThat(c.dominatesOrEquals(a)).isTrue();
        }
        if (ab.compare(a) == Causality.AFTER && abc.compare(ab) == Causality.AFTER) {
            assertThat(abc.compare(a)).isEqualTo(Causality.AFTER);
        }
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsCommutative(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAssociative(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b, @ForAll("vectors") VersionVector c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsIdempotent(@ForAll("vectors") VersionVector a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAnUpperBoundOfBothSides(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.merge(b).dominatesOrEquals(a)).isTrue();
        assertThat(a.merge(b).dominatesOrEquals(b)).isTrue();
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsTheLeastUpperBound(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b, @ForAll("vectors") VersionVector extra) {
        VersionVector upper = a.merge(b).merge(extra); // an arbitrary upper bound of a and b
        assertThat(upper.dominatesOrEquals(a.merge(b))).isTrue();
        if (extra.dominatesOrEquals(a) && extra.dominatesOrEquals(b)) {
            assertThat(extra.dominatesOrEquals(a.merge(b))).isTrue();
        }
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void compareIsConsistentWithMerge(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        // a <= b exactly when merging a into b changes nothing.
        assertThat(b.dominatesOrEquals(a)).isEqualTo(a.merge(b).equals(b));
    }

    @Provide
    Arbitrary<VersionVector> vectors() {
        return MergeArbitraries.vectors();
    }
}
