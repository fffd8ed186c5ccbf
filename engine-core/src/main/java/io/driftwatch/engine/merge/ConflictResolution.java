package io.driftwatch.engine.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an operator's decision about a conflict into a change and an audit entry.
 *
 * <p>The change's vector is the join of every side's vector plus one event of the resolving
 * replica, so it dominates every side: merged like any other change, it replaces the sides of a
 * {@code manual} column (the conflict disappears), and on a {@code counter} it adds the delta
 * that brings the value to the decided one and acknowledges the violation. A change concurrent
 * with the resolution that arrives later is still merged normally and may raise a new conflict.
 *
 * <p>Why the resolving replica is {@code resolution/<conflict id>} and not the console's region:
 * a dot must name exactly one change. If the resolution took the region's next counter it could
 * collide with a change that region's capture is issuing at the same time, and the counter would
 * drop one of the two deltas. Named after the conflict, the dot is unique, and resolving the same
 * conflict twice the same way is the same change — harmless. (The engine should still refuse a
 * second, different decision for one conflict id.)
 *
 * <p>Pure apart from the caller's clock: operator identity and the reason come in as values, and
 * time comes from the {@link HybridClock} of the resolving console, which first receives the
 * sides' latest timestamp so the resolution is timestamped after all of them.
 */
public final class ConflictResolution {
    /** Region-id prefix of resolution replicas. */
    public static final String REPLICA_PREFIX = "resolution/";

    private final HybridClock clock;

    public ConflictResolution(HybridClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalArgumentException if the decision does not fit the conflict (keeping a side of
     *                                  an invariant violation, a side index out of range, a
     *                                  non-integer value for a counter) or operator/reason are blank
     */
    public Resolution resolve(Conflict conflict, Decision decision, String operator, String reason) {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(decision, "decision");
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("a resolution needs the operator's identity");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a resolution needs a reason for the audit trail");
        }
        String replica = REPLICA_PREFIX + conflict.id();
        VersionVector vector = conflict.frontier().increment(replica);
        HybridTimestamp at = clock.receive(conflict.latestTimestamp());

        ColumnEdit edit;
        Object value;
        Set<String> acknowledges;
        if (conflict.kind() == ConflictKind.CONCURRENT_MANUAL) {
            if (decision instanceof Decision.KeepSide keep) {
                value = side(conflict, keep.side()).value();
            } else if (decision instanceof Decision.EnterValue enter) {
                value = enter.value();
            } else {
                value = conflict.mergedValue();
            }
            edit = new ColumnEdit.Assign(value);
            acknowledges = Set.of();
        } else {
            long merged = ((Number) conflict.mergedValue()).longValue();
            long target;
            if (decision instanceof Decision.KeepSide) {
                throw new IllegalArgumentException("conflict " + conflict.id() + " is an invariant violation: its sides are"
                        + " contributions to a sum, not alternatives; enter a value or accept the merge");
            } else if (decision instanceof Decision.EnterValue enter) {
                target = integer(enter.value(), conflict);
            } else {
                target = merged;
            }
            value = target;
            edit = new ColumnEdit.CounterDelta(Math.subtractExact(target, merged));
            acknowledges = Set.of(conflict.column());
        }
        Change change = new Change(conflict.table(), conflict.key(), replica, vector, at,
                Map.of(conflict.column(), edit), acknowledges);
        AuditEntry audit = new AuditEntry(conflict.id(), conflict.kind(), conflict.table(), conflict.key(), conflict.column(),
                operator, at, decision, value, conflict.mergedValue(), reason);
        return new Resolution(change, audit);
    }

    private static Versioned<Object> side(Conflict conflict, int index) {
        if (index < 0 || index >= conflict.sides().size()) {
            throw new IllegalArgumentException("conflict " + conflict.id() + " has sides 0.." + (conflict.sides().size() - 1) + ", not " + index);
        }
        return conflict.sides().get(index);
    }

    private static long integer(Object value, Conflict conflict) {
        try {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger i) {
                return i.longValueExact();
            }
            if (value instanceof BigDecimal d) {
                return d.longValueExact();
            }
            if (value instanceof String s) {
                return Long.parseLong(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("counter " + conflict.table() + "." + conflict.column() + " takes a whole number, got " + value);
    }
}
