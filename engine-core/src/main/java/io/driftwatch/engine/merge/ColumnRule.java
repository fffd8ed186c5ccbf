package io.driftwatch.engine.merge;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The merge policy of one column and the invariants its merged value must keep. */
public record ColumnRule(ColumnPolicy policy, Set<Invariant> invariants) {

    public static final ColumnRule DEFAULT = new ColumnRule(ColumnPolicy.LWW, Set.of());

    public ColumnRule {
        Objects.requireNonNull(policy, "policy");
        invariants = invariants.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(invariants));
    }

    public static ColumnRule of(ColumnPolicy policy, Invariant... invariants) {
        return new ColumnRule(policy, Set.of(invariants));
    }
}
