package io.driftwatch.engine.merge;

/**
 * How two version vectors relate: exactly one of before, after, equal or concurrent.
 *
 * <p>Why an enum and not an {@code int} like {@link Comparable}: vectors form a partial order, and
 * a comparator-style answer has no honest value for "neither happened first". Making
 * {@link #CONCURRENT} a first-class answer forces every caller to decide what concurrency means
 * for it.
 */
public enum Causality {
    /** This happened before the other: every entry is less than or equal, at least one less. */
    BEFORE,
    /** This happened after the other: it has seen everything the other has, and more. */
    AFTER,
    /** Both have seen exactly the same events. */
    EQUAL,
    /** Each has seen something the other has not. */
    CONCURRENT;

    /** The answer seen from the other side: BEFORE and AFTER swap, the rest stay. */
    public Causality inverse() {
        return switch (this) {
            case BEFORE -> AFTER;
            case AFTER -> BEFORE;
            case EQUAL, CONCURRENT -> this;
        };
    }

    /** True for BEFORE and EQUAL: the other side has seen everything this side has. */
    public boolean isCoveredByOther() {
        return this == BEFORE || this == EQUAL;
    }
}
