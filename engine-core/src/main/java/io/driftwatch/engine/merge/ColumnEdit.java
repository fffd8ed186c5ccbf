package io.driftwatch.engine.merge;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one change did to one column. The kind must match the column's policy:
 * {@link Assign} for {@code lww}, {@code max}, {@code min} and {@code manual};
 * {@link CounterDelta} for {@code counter}; {@link SetEdit} for {@code set}.
 *
 * <p>Why counters and sets carry edits rather than the new value: a region's database only knows
 * its own view. "Stock is now 4" from us-east-1 and "stock is now 3" from eu-west-1 cannot be
 * combined; "us sold 6" and "eu sold 7" can. The capture derives the edit from Debezium's before
 * and after images ({@link CounterDelta#between}, {@link SetEdit#between}).
 */
public sealed interface ColumnEdit extends java.io.Serializable {

    /** The column's new value ({@code null} for SQL NULL). Values must be immutable. */
    record Assign(Object value) implements ColumnEdit {
    }

    /** How much the change added to a counter (negative for a decrease). */
    record CounterDelta(long delta) implements ColumnEdit {
        /** The delta between a row's before and after image; an insert has {@code before} 0. */
        public static CounterDelta between(long before, long after) {
            return new CounterDelta(Math.subtractExact(after, before));
        }
    }

    /**
     * Elements the change added to and removed from a set column. An element cannot be both:
     * that would be two operations in one change with no order between them.
     */
    record SetEdit(Set<Object> added, Set<Object> removed) implements ColumnEdit {
        public SetEdit {
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
            for (Object element : added) {
                if (removed.contains(element)) {
                    throw new IllegalArgumentException("a set edit cannot both add and remove " + element);
                }
            }
        }

        /** The edit that turns the {@code before} array into the {@code after} array (order ignored). */
        public static SetEdit between(Collection<?> before, Collection<?> after) {
            Set<Object> old = new HashSet<>(Objects.requireNonNullElse(before, Set.of()));
            Set<Object> now = new HashSet<>(Objects.requireNonNullElse(after, Set.of()));
            Set<Object> added = new HashSet<>(now);
            added.removeAll(old);
            Set<Object> removed = new HashSet<>(old);
            removed.removeAll(now);
            return new SetEdit(added, removed);
        }

        public static SetEdit adding(Object... elements) {
            return new SetEdit(Set.of(elements), Set.of());
        }

        public static SetEdit removing(Object... elements) {
            return new SetEdit(Set.of(), Set.of(elements));
        }
    }
}
