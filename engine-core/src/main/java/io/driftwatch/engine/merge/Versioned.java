package io.driftwatch.engine.merge;

import java.util.Comparator;
import java.util.Objects;

/**
 * A value as one change wrote it: the value (may be {@code null}, a SQL NULL), the version
 * vector of the change, and its hybrid timestamp. The siblings of a {@link MvRegister} and the
 * sides of a {@link Conflict} are {@code Versioned}.
 */
public record Versioned<T>(T value, VersionVector vector, HybridTimestamp timestamp) implements java.io.Serializable {

    /**
     * Later timestamp last; ties (only possible for malformed input) broken by vector, then value,
     * so every replica sorts and picks alike.
     */
    public static final Comparator<Versioned<?>> BY_TIMESTAMP = Comparator
            .<Versioned<?>, HybridTimestamp>comparing(Versioned::timestamp)
            .thenComparing(Versioned::vector, VersionVector.CANONICAL_ORDER)
            .thenComparing(Versioned::value, new ValueOrder());

    public Versioned {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The region whose clock stamped this write. */
    public String region() {
        return timestamp.region();
    }
}
