package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Applies changes to row states by the column policies, and derives the row's conflicts.
 *
 * <p>Invariant 3, column by column. A change is first turned into a one-change row state
 * ({@link #fragment}); applying it is {@link RowState#merge}. Per column that means:
 * <ul>
 *   <li>register columns ({@code lww}, {@code max}, {@code min}, {@code manual}): a write that
 *       another write has seen is gone; a write that has seen all others replaces them; among
 *       concurrent writes the policy picks (latest hybrid timestamp, greatest, least, or — for
 *       {@code manual} — nobody: a conflict).</li>
 *   <li>{@code counter}: the change's delta counts once, under the change's dot.</li>
 *   <li>{@code set}: added elements are tagged with the change's dot; removed elements lose the
 *       tags the change had seen. A concurrent add survives.</li>
 * </ul>
 * So a replayed change has no effect; a change that dominates the row replaces every column it
 * writes; concurrent changes merge per policy. A change that arrives after a change that had
 * already seen it (stale by vector, yet not merged before) loses every register write, but its
 * counter delta and set edits still count — the later change did not repeat them.
 *
 * <p>Why the merger and not the state derives conflicts: invariants are configuration; the row
 * state is a pure lattice value.
 */
public final class RowMerger {
    private final MergePolicies policies;

    public RowMerger(MergePolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    public MergePolicies policies() {
        return policies;
    }

    /** Applies {@code change} to {@code state}. */
    public MergeOutcome apply(RowState state, Change change) {
        Causality causality = change.vector().compare(state.vector());
        RowState next = state.merge(fragment(change));
        return new MergeOutcome(next, causality, !next.equals(state), conflicts(next));
    }

    /** Merges two states of the same row (e.g. partial states from two subtasks). */
    public MergeOutcome merge(RowState a, RowState b) {
        RowState next = a.merge(b);
        return new MergeOutcome(next, b.vector().compare(a.vector()), !next.equals(a), conflicts(next));
    }

    /**
     * The row state that holds exactly {@code change}. Every configured counter column of the
     * table records the change's dot (delta 0 if untouched) so each region's run of dots stays
     * unbroken and the counter stays folded.
     *
     * @throws IllegalArgumentException if an edit does not fit its column's policy
     */
    public RowState fragment(Change change) {
        String table = change.table();
        Dot dot = change.dot();
        TreeMap<String, ColumnState> columns = new TreeMap<>();
        for (Map.Entry<String, ColumnEdit> entry : change.edits().entrySet()) {
            String column = entry.getKey();
            columns.put(column, columnFragment(change, column, policies.policy(table, column), entry.getValue()));
        }
        for (String counter : policies.columnsWith(table, ColumnPolicy.COUNTER)) {
            columns.computeIfAbsent(counter, c -> counterFragment(change, c, 0));
        }
        for (String column : change.acknowledges()) {
            if (!(columns.get(column) instanceof CounterColumn)) {
                throw new IllegalArgumentException("change " + dot + " acknowledges " + table + "." + column
                        + ", which is not a counter column");
            }
        }
        TreeMap<String, Stamp> latest = new TreeMap<>();
        latest.put(change.region(), change.stamp());
        return new RowState(table, change.key(), change.vector(), change.timestamp(), columns, latest);
    }

    /** Every open conflict of {@code state}, by column. */
    public List<Conflict> conflicts(RowState state) {
        List<Conflict> conflicts = new ArrayList<>();
        state.columns().forEach((column, columnState) -> {
            if (columnState instanceof RegisterColumn register && register.isConflicted()) {
                conflicts.add(manualConflict(state, column, register));
            } else if (columnState instanceof CounterColumn counter) {
                for (Invariant invariant : policies.invariants(state.table(), column)) {
                    if (!invariant.holds(counter.value()) && !counter.isAcknowledged()) {
                        conflicts.add(invariantConflict(state, column, counter, invariant));
                    }
                }
            }
        });
        return List.copyOf(conflicts);
    }

    private ColumnState columnFragment(Change change, String column, ColumnPolicy policy, ColumnEdit edit) {
        return switch (policy) {
            case LWW, MAX, MIN, MANUAL -> {
                if (!(edit instanceof ColumnEdit.Assign assign)) {
                    throw mismatch(change, column, policy, "Assign", edit);
                }
                yield new RegisterColumn(policy, MvRegister.of(new Versioned<>(assign.value(), change.vector(), change.timestamp())));
            }
            case COUNTER -> {
                if (!(edit instanceof ColumnEdit.CounterDelta delta)) {
                    throw mismatch(change, column, policy, "CounterDelta", edit);
                }
                yield counterFragment(change, column, delta.delta());
            }
            case SET -> {
                if (!(edit instanceof ColumnEdit.SetEdit setEdit)) {
                    throw mismatch(change, column, policy, "SetEdit", edit);
                }
                OrSet<Object> set = OrSet.empty();
                for (Object element : setEdit.added()) {
                    set = set.add(change.dot(), element);
                }
                for (Object element : setEdit.removed()) {
                    set = set.remove(element, change.vector());
                }
                yield new SetColumn(set);
            }
        };
    }

    private static CounterColumn counterFragment(Change change, String column, long delta) {
        Dot dot = change.dot();
        return new CounterColumn(
                PnCounter.zero().add(dot, delta),
                delta == 0 ? VersionVector.empty() : VersionVector.of(dot),
                change.acknowledges().contains(column) ? change.vector() : VersionVector.empty());
    }

    private static IllegalArgumentException mismatch(Change change, String column, ColumnPolicy policy, String expected, ColumnEdit got) {
        return new IllegalArgumentException("change " + change.dot() + " to " + change.table() + "." + column + ": a "
                + policy.configName() + " column takes " + expected + ", got " + got.getClass().getSimpleName());
    }

    private static Conflict manualConflict(RowState state, String column, RegisterColumn register) {
        List<Versioned<Object>> sides = register.register().siblings();
        return new Conflict(ConflictKind.CONCURRENT_MANUAL, state.table(), state.key(), column, sides, register.value(),
                sides.size() + " concurrent values for manual column " + state.table() + "." + column + " from "
                        + String.join(", ", sides.stream().map(Versioned::region).toList()));
    }

    private static Conflict invariantConflict(RowState state, String column, CounterColumn counterColumn, Invariant invariant) {
        PnCounter counter = counterColumn.counter();
        List<Versioned<Object>> sides = new ArrayList<>();
        List<String> movers = new ArrayList<>();
        for (String region : counter.regions()) {
            if (counter.plus(region) == 0 && counter.minus(region) == 0) {
                continue; // only touched other columns
            }
            movers.add(region);
            Stamp stamp = state.latest().getOrDefault(region, new Stamp(VersionVector.empty(), HybridTimestamp.ZERO));
            sides.add(new Versioned<>(counter.contribution(region), stamp.vector(), stamp.timestamp()));
        }
        sides.sort(Versioned.BY_TIMESTAMP);
        return new Conflict(ConflictKind.INVARIANT_VIOLATION, state.table(), state.key(), column, sides, counterColumn.value(),
                state.table() + "." + column + " = " + counterColumn.value() + " breaks " + invariant.configName()
                        + " after merging the contributions of " + String.join(", ", movers));
    }
}
