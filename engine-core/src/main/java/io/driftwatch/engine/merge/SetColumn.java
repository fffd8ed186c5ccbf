package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@code set} column (an array at the source): an add-wins observed-remove set. */
public record SetColumn(OrSet<Object> set) implements ColumnState {

    public SetColumn {
        Objects.requireNonNull(set, "set");
    }

    @Override
    public ColumnPolicy policy() {
        return ColumnPolicy.SET;
    }

    @Override
    public SetColumn merge(ColumnState other) {
        if (!(other instanceof SetColumn s)) {
            throw ColumnState.policyMismatch(this, other);
        }
        OrSet<Object> merged = set.merge(s.set);
        return merged == set ? this : new SetColumn(merged);
    }

    /** The elements in {@link ValueOrder}, so every replica shows the same array. */
    @Override
    public List<Object> value() {
        List<Object> elements = new ArrayList<>(set.elements());
        elements.sort(new ValueOrder());
        return List.copyOf(elements);
    }
}
