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
}
