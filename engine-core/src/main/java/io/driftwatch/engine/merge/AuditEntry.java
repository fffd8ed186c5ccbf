package io.driftwatch.engine.merge;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the resolution audit trail: who decided what about which conflict, when and why.
 *
 * @param value       the value the column has once the resolution is applied
 * @param mergedValue what the automatic merge had produced
 * @param at          the resolution change's hybrid timestamp (its region is the resolving clock)
 */
public record AuditEntry(String conflictId, ConflictKind kind, String table, String key, String column,
                         String operator, HybridTimestamp at, Decision decision, Object value, Object mergedValue,
                         String reason) {

    public AuditEntry {
        Objects.requireNonNull(conflictId, "conflictId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
    }

    /** Wall-clock time of the decision (the physical part of {@link #at}). */
    public Instant when() {
        return at.instant();
    }
}
