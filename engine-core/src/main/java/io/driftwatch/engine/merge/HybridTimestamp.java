package io.driftwatch.engine.merge;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A hybrid logical clock reading: physical milliseconds, a logical counter that orders events
 * within (or behind) one millisecond, and the id of the clock (region) that produced it.
 *
 * <p>Ordered by physical time, then logical counter, then region id. Why the region id: two
 * regions can produce the same (physical, logical) pair; last-writer-wins needs one winner that
 * every replica picks, so the region id is the deterministic tie-break. Clocks only break ties
 * between concurrent changes; causality (the version vector) decides everything else.
 */
public record HybridTimestamp(long physicalMillis, int logical, String region) implements java.io.Serializable, Comparable<HybridTimestamp> {

    /** Before every real reading; the timestamp of a row nobody has written yet. */
    public static final HybridTimestamp ZERO = new HybridTimestamp(0, 0, "");

    private static final Comparator<HybridTimestamp> ORDER = Comparator
            .comparingLong(HybridTimestamp::physicalMillis)
            .thenComparingInt(HybridTimestamp::logical)
            .thenComparing(HybridTimestamp::region);

    public HybridTimestamp {
        Objects.requireNonNull(region, "region");
        if (physicalMillis < 0) {
            throw new IllegalArgumentException("physical time must not be negative: " + physicalMillis);
        }
        if (logical < 0) {
            throw new IllegalArgumentException("logical counter must not be negative: " + logical);
        }
    }

    @Override
    public int compareTo(HybridTimestamp other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(HybridTimestamp other) {
        return compareTo(other) > 0;
    }

    public HybridTimestamp max(HybridTimestamp other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The physical part as an instant; close to wall time unless a remote clock ran ahead. */
    public Instant instant() {
        return Instant.ofEpochMilli(physicalMillis);
    }

    @Override
    public String toString() {
        return physicalMillis + "." + logical + "@" + region;
    }
}
