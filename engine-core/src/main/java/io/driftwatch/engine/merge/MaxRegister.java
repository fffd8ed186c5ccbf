package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * A register that only grows: merge keeps the greater value. Useful on its own for monotone
 * facts (a high-water mark); the row merge uses the same rule, through {@link ValueOrder}, to
 * pick among <em>concurrent</em> writes to a {@code max} column.
 */
public record MaxRegister<T extends Comparable<? super T>>(T value) {

    public MaxRegister {
        Objects.requireNonNull(value, "value");
    }

    public static <T extends Comparable<? super T>> MaxRegister<T> of(T value) {
        return new MaxRegister<>(value);
    }

    public MaxRegister<T> merge(MaxRegister<T> other) {
        int order = value.compareTo(other.value);
        if (order == 0) {
            // compareTo may call unequal values equal (BigDecimal 1.0 and 1.00); pick one the same
            // way on every replica so that merge stays commutative.
            order = new ValueOrder().compare(value, other.value);
        }
        return order >= 0 ? this : other;
    }
}
