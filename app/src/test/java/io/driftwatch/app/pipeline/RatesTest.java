package io.driftwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RatesTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aRateIsTheGrowthPerSecondBetweenTwoReadings() {
        Rates rates = new Rates();
        assertThat(rates.update("x", T0, 100)).isNaN();
        assertThat(rates.update("x", T0.plusMillis(500), 150)).isEqualTo(100.0);
        assertThat(rates.latest("x")).isEqualTo(100.0);
        assertThat(rates.latest("unknown")).isNaN();
    }

    @Test
    void aCounterThatWentBackStartsOver() {
        Rates rates = new Rates();
        rates.update("x", T0, 100);
        assertThat(rates.update("x", T0.plusSeconds(1), 5)).as("restarted source").isNaN();
        assertThat(rates.update("x", T0.plusSeconds(2), 15)).isEqualTo(10.0);
    }

    @Test
    void noTimePassedIsNoRate() {
        Rates rates = new Rates();
        rates.update("x", T0, 100);
        assertThat(rates.update("x", T0, 200)).isNaN();
    }

    @Test
    void aCounterRefreshedNowAndThenIsRatedBetweenItsMovesAndIsZeroOnlyWhenQuietLong() {
        Rates rates = new Rates();
        java.time.Duration quiet = java.time.Duration.ofSeconds(15);
        assertThat(rates.updateRefreshed("f", T0, 1_000, quiet)).isNaN();
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(2), 1_000, quiet)).as("not refreshed yet").isNaN();
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(10), 2_000, quiet)).isEqualTo(100.0);
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(12), 2_000, quiet)).as("cached value: the last rate holds").isEqualTo(100.0);
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(20), 3_000, quiet)).isEqualTo(100.0);
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(36), 3_000, quiet)).as("quiet for 16 s").isEqualTo(0.0);
        assertThat(rates.updateRefreshed("f", T0.plusSeconds(38), 10, quiet)).as("restarted job").isNaN();
    }
}
