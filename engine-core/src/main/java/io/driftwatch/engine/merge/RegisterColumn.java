package io.driftwatch.engine.merge;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column that holds one value per write ({@code lww}, {@code max}, {@code min},
 * {@code manual}): the concurrent frontier of writes, read through the policy.
 *
 * <p>Why store the frontier even for {@code lww}: so that a causally later write replaces an
 * earlier one even if its clock reads earlier (causality decides, clocks only break ties), and
 * so that the merge is a join however the writes are delivered.
 */
public record RegisterColumn(ColumnPolicy policy, MvRegister<Object> register) implements ColumnState {
    private static final ValueOrder VALUES = new ValueOrder();

    public RegisterColumn {
        Objects.requireNonNull(register, "register");
        if (!policy.isRegister()) {
            throw new IllegalArgumentException(policy.configName() + " is not a register policy");
        }
    }

    @Override
    public RegisterColumn merge(ColumnState other) {
        if (!(other instanceof RegisterColumn r) || r.policy != policy) {
            throw ColumnState.policyMismatch(this, other);
        }
        MvRegister<Object> merged = register.merge(r.register);
        return merged == register ? this : new RegisterColumn(policy, merged);
    }

    /** The sibling whose value the view shows; empty if the column was never written. */
    public Optional<Versioned<Object>> winner() {
        List<Versioned<Object>> siblings = register.siblings();
        Comparator<Versioned<?>> order = switch (policy) {
            case MAX -> Comparator.<Versioned<?>, Object>comparing(Versioned::value, VALUES).thenComparing(Versioned.BY_TIMESTAMP);
            case MIN -> Comparator.<Versioned<?>, Object>comparing(Versioned::value, VALUES).reversed().thenComparing(Versioned.BY_TIMESTAMP);
            // lww, and manual while it is conflicted: the provisional answer is the latest write.
            default -> Versioned.BY_TIMESTAMP;
        };
        return siblings.stream().max(order);
    }

    @Override
    public Object value() {
        return winner().map(Versioned::value).orElse(null);
    }

    /** A {@code manual} column with more than one distinct concurrent value. */
    public boolean isConflicted() {
        return policy == ColumnPolicy.MANUAL && register.isConflicted();
    }
}
