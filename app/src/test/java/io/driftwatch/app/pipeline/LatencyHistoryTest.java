package io.driftwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LatencySummary;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatencyHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void keepsTheLastSpanOfReadingsRelativeToTheNewest() {
        LatencyHistory history = new LatencyHistory(Duration.ofSeconds(60));
        history.add(T0, new LatencySummary(10, 100, 300));
        history.add(T0.plusSeconds(30), new LatencySummary(10, 120, 400));
        history.add(T0.plusSeconds(70), new LatencySummary(10, 90, 250));
        assertThat(history.points(T0.plusSeconds(70))).containsExactly(
                new LatencyPoint(-40, 120, 400), new LatencyPoint(0, 90, 250));
    }

    @Test
    void aWindowWithoutVisibleTransactionsLeavesAGapNotAZero() {
        LatencyHistory history = new LatencyHistory(Duration.ofSeconds(60));
        history.add(T0, new LatencySummary(10, 100, 300));
        history.add(T0.plusSeconds(2), new LatencySummary(0, Double.NaN, Double.NaN));
        history.add(T0.plusSeconds(4), null);
        assertThat(history.points(T0.plusSeconds(4))).containsExactly(new LatencyPoint(-4, 100, 300));
    }
}
