package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * A {@code counter} column: the PN-counter, plus two vectors that decide whether a broken
 * invariant is still news.
 *
 * @param moved        the dots of every change that moved the counter (non-zero delta)
 * @param acknowledged everything resolutions of this column had seen when they were made
 *
 * <p>Why: a violation (stock below zero) is derived from the value, but an operator may accept
 * it ("backorder the 3"). It then stays quiet until a change the operator has not seen moves
 * the counter again; an unrelated edit to another column does not re-raise it.
 */
public record CounterColumn(PnCounter counter, VersionVector moved, VersionVector acknowledged) implements ColumnState {

    public CounterColumn {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(moved, "moved");
        Objects.requireNonNull(acknowledged, "acknowledged");
    }

    @Override
    public ColumnPolicy policy() {
        return ColumnPolicy.COUNTER;
    }

    @Override
    public CounterColumn merge(ColumnState other) {
        if (!(other instanceof CounterColumn c)) {
            throw ColumnState.policyMismatch(this, other);
        }
        if (c.equals(this)) {
            return this;
        }
        return new CounterColumn(counter.merge(c.counter), moved.merge(c.moved), acknowledged.merge(c.acknowledged));
    }

    @Override
    public Long value() {
        return counter.value();
    }

    /** Every change that moved the counter was seen by a resolution. */
    public boolean isAcknowledged() {
        return acknowledged.dominatesOrEquals(moved);
    }
}
