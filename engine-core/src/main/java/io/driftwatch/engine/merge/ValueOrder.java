package io.driftwatch.engine.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * A total order over column values: {@code null} first, numbers by numeric value (whatever
 * their boxed type), other values of one class by their natural order, and everything else by
 * class name, then by string form.
 *
 * <p>Why: {@code max}/{@code min} columns, the last-writer-wins tie-break of last resort, and
 * listing set elements all need one answer that every replica computes identically, even when a
 * column's values arrive as {@code Integer} from one region and {@code Long} from the other.
 */
public final class ValueOrder implements Comparator<Object> {

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        // Lexicographic over (group, numeric or natural order, class name, string form), which is
        // transitive: all numbers share one group so that mixed boxed types interleave by value.
        int byGroup = group(a).compareTo(group(b));
        if (byGroup != 0) {
            return byGroup;
        }
        if (a instanceof Number x && b instanceof Number y) {
            int numeric = compareNumbers(x, y);
            if (numeric != 0) {
                return numeric;
            }
        } else if (a instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            int natural = ((Comparable<Object>) a).compareTo(b);
            if (natural != 0) {
                return natural;
            }
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        return byClass != 0 ? byClass : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static String group(Object value) {
        return value instanceof Number ? "java.lang.Number" : value.getClass().getName();
    }

    private static int compareNumbers(Number x, Number y) {
        int rankX = infinityRank(x);
        int rankY = infinityRank(y);
        if (rankX != 0 || rankY != 0) {
            return Integer.compare(rankX, rankY);
        }
        return exact(x).compareTo(exact(y));
    }

    /** -1 for negative infinity, 2 for NaN, 1 for positive infinity, 0 for finite numbers. */
    private static int infinityRank(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return 2;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? 1 : -1;
            }
        }
        return 0;
    }

    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }
}
