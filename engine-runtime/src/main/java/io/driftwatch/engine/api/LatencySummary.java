package io.driftwatch.engine.api;

/**
 * End-to-end latency (source commit → visible in the consistent views) over a window, from the
 * engine's own measurements; p50 and p99 are NaN when no transaction became visible in it.
 */
public record LatencySummary(long transactions, double p50Millis, double p99Millis) {
    public boolean isEmpty() {
        return transactions == 0;
    }
}
