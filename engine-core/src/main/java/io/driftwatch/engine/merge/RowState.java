package io.driftwatch.engine.merge;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The merged state of one row: one CRDT per column plus what the row has seen.
 *
 * @param vector    every change merged so far has been seen by this vector (their join)
 * @param timestamp the greatest hybrid timestamp merged so far — a monotone row version for a
 *                  versioned sink
 * @param columns   column → merged state; columns never written are absent
 * @param latest    region → stamp of that region's latest change merged; the sides of an
 *                  invariant conflict
 *
 * <p>Why the whole row is one join: each component is a CRDT and {@link #merge} merges them
 * pointwise, so merging is commutative, associative and idempotent. Applying a change is merging
 * the one-change state {@link RowMerger#fragment} builds; that is why any delivery order, with
 * any duplicates, ends in the same state.
 */
public record RowState(String table, String key, VersionVector vector, HybridTimestamp timestamp,
                       SortedMap<String, ColumnState> columns, SortedMap<String, Stamp> latest) implements java.io.Serializable {

    public RowState {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(timestamp, "timestamp");
        columns = Collections.unmodifiableSortedMap(new TreeMap<>(columns));
        latest = Collections.unmodifiableSortedMap(new TreeMap<>(latest));
    }

    /** The row before any change. */
    public static RowState empty(String table, String key) {
        return new RowState(table, key, VersionVector.empty(), HybridTimestamp.ZERO, new TreeMap<>(), new TreeMap<>());
    }

    public boolean isEmpty() {
        return vector.isEmpty();
    }

    /** The join of two states of the same row. */
    public RowState merge(RowState other) {
        if (!table.equals(other.table) || !key.equals(other.key)) {
            throw new IllegalArgumentException("cannot merge row " + table + "/" + key + " with row " + other.table + "/" + other.key);
        }
        if (other.equals(this)) {
            return this;
        }
        TreeMap<String, ColumnState> mergedColumns = new TreeMap<>(columns);
        other.columns.forEach((column, state) -> mergedColumns.merge(column, state, ColumnState::merge));
        TreeMap<String, Stamp> mergedLatest = new TreeMap<>(latest);
        other.latest.forEach((region, stamp) -> mergedLatest.merge(region, stamp, (a, b) -> Stamp.later(region, a, b)));
        return new RowState(table, key, vector.merge(other.vector), timestamp.max(other.timestamp), mergedColumns, mergedLatest);
    }

    public Optional<ColumnState> column(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** The value the materialized view shows for {@code column} ({@code null} if never written). */
    public Object value(String column) {
        ColumnState state = columns.get(column);
        return state == null ? null : state.value();
    }

    /** Column → value for the materialized view (values may be {@code null}). */
    public SortedMap<String, Object> view() {
        TreeMap<String, Object> view = new TreeMap<>();
        columns.forEach((column, state) -> view.put(column, state.value()));
        return Collections.unmodifiableSortedMap(view);
    }
}
