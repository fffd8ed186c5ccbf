package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MvRegisterTest {
    private static final HybridTimestamp T1 = new HybridTimestamp(1, 0, "us");
    private static final HybridTimestamp T2 = new HybridTimestamp(2, 0, "eu");

    @Test
    void keepsConcurrentWritesAsSiblings() {
        MvRegister<Long> register = MvRegister.of(new Versioned<>(100L, VersionVector.of("us", 1), T1))
                .write(new Versioned<>(120L, VersionVector.of("eu", 1), T2));
        assertThat(register.values()).containsExactly(100L, 120L);
        assertThat(register.isConflicted()).isTrue();
    }

    @Test
    void aWriteThatHasSeenEverySiblingCollapsesThem() {
        MvRegister<Long> conflicted = MvRegister.of(new Versioned<>(100L, VersionVector.of("us", 1), T1))
                .write(new Versioned<>(120L, VersionVector.of("eu", 1), T2));
        MvRegister<Long> resolved = conflicted.assign("us", 110L, new HybridTimestamp(3, 0, "us"));
        assertThat(resolved.values()).containsExactly(110L);
        assertThat(resolved.siblings().get(0).vector()).isEqualTo(VersionVector.of("us", 2, "eu", 1));
        assertThat(conflicted.merge(resolved)).isEqualTo(resolved);
    }

    @Test
    void aWriteOthersHaveSeenIsDroppedEvenIfItsClockIsLater() {
        MvRegister<Long> register = MvRegister.of(new Versioned<>(1L, VersionVector.of("us", 1), new HybridTimestamp(99, 0, "us")))
                .write(new Versioned<>(2L, VersionVector.of("us", 1, "eu", 1), T1));
        assertThat(register.values()).containsExactly(2L);
    }

    @Test
    void equalConcurrentValuesAreNotAConflict() {
        MvRegister<Long> register = MvRegister.of(new Versioned<>(100L, VersionVector.of("us", 1), T1))
                .write(new Versioned<>(100L, VersionVector.of("eu", 1), T2));
        assertThat(register.siblings()).hasSize(2);
        assertThat(register.isConflicted()).isFalse();
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsCommutative(@ForAll("registers") MvRegister<String> a, @ForAll("registers") MvRegister<String> b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAssociative(@ForAll("registers") MvRegister<String> a, @ForAll("registers") MvRegister<String> b,
                            @ForAll("registers") MvRegister<String> c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsIdempotent(@ForAll("registers") MvRegister<String> a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Provide
    Arbitrary<MvRegister<String>> registers() {
        return MergeArbitraries.versions().set().ofMaxSize(4).map(MvRegister::new);
    }
}
