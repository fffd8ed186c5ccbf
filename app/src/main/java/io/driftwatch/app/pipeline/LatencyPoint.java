package io.driftwatch.app.pipeline;

/** A point of the latency chart: x = seconds relative to the newest reading (≤ 0), percentiles in milliseconds. */
public record LatencyPoint(double secondsAgo, double p50Millis, double p99Millis) {}
