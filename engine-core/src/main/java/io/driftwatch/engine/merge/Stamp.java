package io.driftwatch.engine.merge;

import java.util.Comparator;
import java.util.Objects;

/** The causal identity of one change: its version vector and its hybrid timestamp. */
public record Stamp(VersionVector vector, HybridTimestamp timestamp) implements java.io.Serializable {

    public Stamp {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * Of two changes from {@code region}, the later one: the higher own counter. Equal counters
     * mean the same change; the timestamp and vector only order malformed duplicates, so that
     * every replica keeps the same one.
     */
    static Stamp later(String region, Stamp a, Stamp b) {
        Comparator<Stamp> order = Comparator
                .<Stamp>comparingLong(s -> s.vector.get(region))
                .thenComparing(Stamp::timestamp)
                .thenComparing(Stamp::vector, VersionVector.CANONICAL_ORDER);
        return order.compare(a, b) >= 0 ? a : b;
    }
}
