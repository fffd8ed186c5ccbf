package io.driftwatch.engine.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * End-to-end latencies of transactions (source commit → visible in the consistent views), grouped
 * by the instant they became visible and the latency in whole milliseconds, so that a busy
 * second costs a few rows rather than one row per transaction. Pure and not thread-safe: one
 * operator instance owns it.
 */
public final class LatencySamples {
    /** {@code count} transactions committed {@code latencyMs} before {@code visibleMs}. */
    public record Group(long visibleMs, long latencyMs, long count) {}

    private final Map<Long, TreeMap<Long, Long>> byVisibleInstant = new TreeMap<>();
    private int size;

    /**
     * Records that transactions committed at {@code commitTimesMs} became visible at
     * {@code visibleMs}. A commit time after {@code visibleMs} (clocks of different machines)
     * counts as zero latency rather than a negative one.
     */
    public void visible(long visibleMs, long[] commitTimesMs) {
        if (commitTimesMs == null || commitTimesMs.length == 0) {
            return;
        }
        TreeMap<Long, Long> latencies = byVisibleInstant.computeIfAbsent(visibleMs, k -> new TreeMap<>());
        for (long commit : commitTimesMs) {
            if (latencies.merge(Math.max(0, visibleMs - commit), 1L, Long::sum) == 1L) {
                size++;
            }
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The groups recorded so far, oldest first; the samples are then empty again. */
    public List<Group> drain() {
        List<Group> groups = new ArrayList<>(size);
        byVisibleInstant.forEach((visible, latencies) -> latencies.forEach((latency, count) -> groups.add(new Group(visible, latency, count))));
        byVisibleInstant.clear();
        size = 0;
        return groups;
    }
}
