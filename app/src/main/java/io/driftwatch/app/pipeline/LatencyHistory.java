package io.driftwatch.app.pipeline;

import io.driftwatch.engine.api.LatencySummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Commit→visible latency percentiles over the last minutes: one point per reading, each the p50
 * and p99 of the transactions that became visible in the window before it. A reading in which no
 * transaction became visible adds no point, so the chart shows a gap instead of a false zero.
 */
final class LatencyHistory {
    private record Reading(Instant at, double p50, double p99) {}

    private final Duration span;
    private final Deque<Reading> readings = new ArrayDeque<>();

    LatencyHistory(Duration span) {
        this.span = span;
    }

    void add(Instant at, LatencySummary latency) {
        if (latency != null && !latency.isEmpty() && !Double.isNaN(latency.p50Millis())) {
            readings.addLast(new Reading(at, latency.p50Millis(), latency.p99Millis()));
        }
        Instant oldest = at.minus(span);
        while (!readings.isEmpty() && readings.peekFirst().at().isBefore(oldest)) {
            readings.removeFirst();
        }
    }

    /** The points, oldest first, relative to {@code now}. */
    List<LatencyPoint> points(Instant now) {
        return readings.stream()
                .map(r -> new LatencyPoint(-Duration.between(r.at(), now).toMillis() / 1000.0, r.p50(), r.p99()))
                .toList();
    }
}
