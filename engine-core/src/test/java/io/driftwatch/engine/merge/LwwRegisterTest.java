package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LwwRegisterTest {

    @Test
    void theLaterTimestampWins() {
        LwwRegister<String> us = new LwwRegister<>("blue", new HybridTimestamp(1_000, 0, "us-east-1"));
        LwwRegister<String> eu = new LwwRegister<>("red", new HybridTimestamp(1_001, 0, "eu-west-1"));
        assertThat(us.merge(eu).value()).isEqualTo("red");
        assertThat(eu.merge(us).value()).isEqualTo("red");
    }

    @Test
    void theRegionIdBreaksATieOfPhysicalAndLogicalTime() {
        LwwRegister<String> us = new LwwRegister<>("blue", new HybridTimestamp(1_000, 2, "us-east-1"));
        LwwRegister<String> eu = new LwwRegister<>("red", new HybridTimestamp(1_000, 2, "eu-west-1"));
        assertThat(us.merge(eu).value()).isEqualTo("blue");
        assertThat(eu.merge(us).value()).isEqualTo("blue");
    }

    @Test
    void anEmptyRegisterLosesToAnyWrite() {
        assertThat(LwwRegister.<String>empty().assign("x", new HybridTimestamp(0, 0, "a")).value()).isEqualTo("x");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsCommutative(@ForAll("registers") LwwRegister<String> a, @ForAll("registers") LwwRegister<String> b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAssociative(@ForAll("registers") LwwRegister<String> a, @ForAll("registers") LwwRegister<String> b,
                            @ForAll("registers") LwwRegister<String> c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsIdempotent(@ForAll("registers") LwwRegister<String> a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Provide
    Arbitrary<LwwRegister<String>> registers() {
        // Tiny timestamp domain: equal timestamps with different values come up, and must still commute.
        return Combinators.combine(MergeArbitraries.smallValues().injectNull(0.1), MergeArbitraries.timestamps()).as(LwwRegister::new);
    }
}
