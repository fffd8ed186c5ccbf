package io.driftwatch.engine.merge;

import java.util.Objects;

/** A decided conflict: the change to apply and the audit entry to keep. */
public record Resolution(Change change, AuditEntry audit) {

    public Resolution {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(audit, "audit");
    }
}
