package io.driftwatch.app.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-second rates of ever-growing counters, from two readings of each apart in time.
 *
 * <p>Why the console takes its own rates: every source (PostgreSQL's statistics, Kafka's end
 * offsets, Flink's record counters, the views' latency table) offers counters, but only some offer
 * rates, each averaged differently; differencing the counters gives every stage the same meaning
 * of "per second" and the same moment.
 */
final class Rates {
    private record Reading(Instant at, long value) {}

    private final Map<String, Reading> previous = new HashMap<>();
    private final Map<String, Double> latest = new HashMap<>();

    /**
     * Records a reading of counter {@code key} and returns its rate since the previous one: NaN on
     * the first reading, when no time passed, or when the counter went back (its source restarted),
     * which starts the counter over.
     */
    double update(String key, Instant at, long value) {
        Reading before = previous.put(key, new Reading(at, value));
        double rate = Double.NaN;
        if (before != null && at.isAfter(before.at()) && value >= before.value()) {
            rate = (value - before.value()) / (Duration.between(before.at(), at).toNanos() / 1e9);
        }
        latest.put(key, rate);
        return rate;
    }

    /**
     * Records a reading of a counter its source refreshes only now and then, and returns its rate
     * between the last two readings at which it had moved. Why: Flink's REST API serves metrics
     * from a cache it refreshes every ten seconds by default ({@code metrics.fetcher.update-interval}),
     * so readings every two seconds see the same value four times and then a jump; differencing
     * them naively would show zero most of the time. A counter that has not moved for longer than
     * {@code quietAfter} is taken as really idle: zero.
     */
    double updateRefreshed(String key, Instant at, long value, Duration quietAfter) {
        Reading moved = previous.get(key);
        double rate = latest(key);
        if (moved == null || value < moved.value()) {
            previous.put(key, new Reading(at, value));
            rate = Double.NaN;
        } else if (value > moved.value()) {
            rate = at.isAfter(moved.at()) ? (value - moved.value()) / (Duration.between(moved.at(), at).toNanos() / 1e9) : rate;
            previous.put(key, new Reading(at, value));
        } else if (Duration.between(moved.at(), at).compareTo(quietAfter) > 0) {
            rate = 0;
        }
        latest.put(key, rate);
        return rate;
    }

    /** The latest rate of {@code key}; NaN before two readings. */
    double latest(String key) {
        return latest.getOrDefault(key, Double.NaN);
    }
}
