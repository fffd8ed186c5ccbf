package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MaxMinRegisterTest {

    @Test
    void maxKeepsTheGreaterAndMinTheSmallerValue() {
        assertThat(MaxRegister.of(3).merge(MaxRegister.of(7)).value()).isEqualTo(7);
        assertThat(MinRegister.of(3).merge(MinRegister.of(7)).value()).isEqualTo(3);
    }

    @Test
    void valuesThatCompareEqualButDifferStillMergeTheSameWayRoundEither() {
        MaxRegister<BigDecimal> a = MaxRegister.of(new BigDecimal("1.0"));
        MaxRegister<BigDecimal> b = MaxRegister.of(new BigDecimal("1.00"));
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        MinRegister<BigDecimal> c = MinRegister.of(new BigDecimal("1.0"));
        MinRegister<BigDecimal> d = MinRegister.of(new BigDecimal("1.00"));
        assertThat(c.merge(d)).isEqualTo(d.merge(c));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void maxMergeIsCommutative(@ForAll @IntRange(max = 20) int a, @ForAll @IntRange(max = 20) int b) {
        assertThat(MaxRegister.of(a).merge(MaxRegister.of(b))).isEqualTo(MaxRegister.of(b).merge(MaxRegister.of(a)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void maxMergeIsAssociative(@ForAll @IntRange(max = 20) int a, @ForAll @IntRange(max = 20) int b, @ForAll @IntRange(max = 20) int c) {
        MaxRegister<Integer> x = MaxRegister.of(a);
        MaxRegister<Integer> y = MaxRegister.of(b);
        MaxRegister<Integer> z = MaxRegister.of(c);
        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void maxMergeIsIdempotent(@ForAll int a) {
        assertThat(MaxRegister.of(a).merge(MaxRegister.of(a))).isEqualTo(MaxRegister.of(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void minMergeIsCommutative(@ForAll @IntRange(max = 20) int a, @ForAll @IntRange(max = 20) int b) {
        assertThat(MinRegister.of(a).merge(MinRegister.of(b))).isEqualTo(MinRegister.of(b).merge(MinRegister.of(a)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void minMergeIsAssociative(@ForAll @IntRange(max = 20) int a, @ForAll @IntRange(max = 20) int b, @ForAll @IntRange(max = 20) int c) {
        MinRegister<Integer> x = MinRegister.of(a);
        MinRegister<Integer> y = MinRegister.of(b);
        MinRegister<Integer> z = MinRegister.of(c);
        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void minMergeIsIdempotent(@ForAll int a) {
        assertThat(MinRegister.of(a).merge(MinRegister.of(a))).isEqualTo(MinRegister.of(a));
    }
}
