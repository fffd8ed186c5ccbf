package io.driftwatch.engine.merge;

/**
 * The merged state of one column of one row: a CRDT chosen by the column's policy.
 *
 * <p>Why a closed family of three: {@code lww}, {@code max}, {@code min} and {@code manual} all
 * keep the concurrent frontier of writes ({@link RegisterColumn}) and differ only in how they
 * read it; counters and sets need their own CRDTs.
 */
public sealed interface ColumnState extends java.io.Serializable permits RegisterColumn, CounterColumn, SetColumn {

    ColumnPolicy policy();

    /** The join; both sides must be of the same policy. */
    ColumnState merge(ColumnState other);

    /** The value the materialized view shows. */
    Object value();

    static IllegalArgumentException policyMismatch(ColumnState a, ColumnState b) {
        return new IllegalArgumentException("cannot merge a " + a.policy().configName() + " column with a "
                + b.policy().configName() + " column (was the policy changed while rows were in flight?)");
    }
}
