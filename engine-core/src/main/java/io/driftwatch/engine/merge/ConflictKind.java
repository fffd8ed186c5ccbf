package io.driftwatch.engine.merge;

/** Why a merge needs a human. */
public enum ConflictKind {
    /** A {@code manual} column holds more than one distinct concurrent value. */
    CONCURRENT_MANUAL,
    /** A merged counter breaks a declared invariant (e.g. stock below zero: overselling). */
    INVARIANT_VIOLATION
}
