package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * Last-writer-wins register: the value with the greatest {@link HybridTimestamp} (physical
 * time, logical counter, then region id) wins.
 *
 * <p>Why a hybrid timestamp and not wall time: an HLC reading taken after seeing a change is
 * greater than that change's, so a write that causally follows another also wins here, even
 * when the two regions' wall clocks disagree. Equal timestamps with different values cannot
 * come from well-behaved clocks; they are still ordered (by {@link ValueOrder}) so that merge
 * stays commutative.
 */
public record LwwRegister<T>(T value, HybridTimestamp timestamp) {

    public LwwRegister {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The register nobody has written: {@code null} at {@link HybridTimestamp#ZERO}. */
    public static <T> LwwRegister<T> empty() {
        return new LwwRegister<>(null, HybridTimestamp.ZERO);
    }

    public LwwRegister<T> assign(T newValue, HybridTimestamp at) {
        return merge(new LwwRegister<>(newValue, at));
    }

    public LwwRegister<T> merge(LwwRegister<T> other) {
        int byTime = timestamp.compareTo(other.timestamp);
        if (byTime == 0) {
            byTime = new ValueOrder().compare(value, other.value);
        }
        return byTime >= 0 ? this : other;
    }
}
