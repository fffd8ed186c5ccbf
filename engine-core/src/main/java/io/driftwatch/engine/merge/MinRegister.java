package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * A register that only shrinks: merge keeps the smaller value (e.g. the first-seen time of an
 * entity). The row merge uses the same rule, through {@link ValueOrder}, to pick among
 * <em>concurrent</em> writes to a {@code min} column.
 */
public record MinRegister<T extends Comparable<? super T>>(T value) {

    public MinRegister {
        Objects.requireNonNull(value, "value");
    }

    public static <T extends Comparable<? super T>> MinRegister<T> of(T value) {
        return new MinRegister<>(value);
    }

    public MinRegister<T> merge(MinRegister<T> other) {
        int order = value.compareTo(other.value);
        if (order == 0) {
            // compareTo may call unequal values equal (BigDecimal 1.0 and 1.00); pick one the same
            // way on every replica so that merge stays commutative.
            order = new ValueOrder().compare(value, other.value);
        }
        return order <= 0 ? this : other;
    }
}
