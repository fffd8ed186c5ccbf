package io.driftwatch.engine.service;

/**
 * An operator's command to a running engine, as written to {@code driftwatch.<prefix>.commands}
 * ({@link CommandFormat}). Every command carries its own id, so its acknowledgement can be found
 * and a command read twice is carried out once.
 */
public sealed interface Command {
    String id();

    String operator();

    long issuedMs();

    /** Resolve conflict {@code conflict}: keep side {@code keepSide}, or take {@code value}, or accept the automatic merge. */
    record ResolveConflict(String id, String operator, long issuedMs, String conflict, Integer keepSide, String value, boolean acceptMerge,
                           String reason) implements Command {}

    /**
     * Move processing to another region: to {@code region} (null: the one other region, when there
     * are two), or with {@code failback} back to the primary.
     */
    record MoveProcessing(String id, String operator, long issuedMs, boolean failback, String region, String reason) implements Command {}

    /**
     * Re-snapshot {@code region}, whose replication slot PostgreSQL invalidated: the engine that
     * captures it clears its offsets and drops the slot, and its capture snapshots the region again
     * ({@code capture resnapshot}).
     */
    record Resnapshot(String id, String operator, long issuedMs, String region, String reason) implements Command {}

    /** What the engine made of a command, published on the status topic under {@code ack/<id>}. */
    record Ack(String command, String engine, boolean done, String message, long atMs) {}
}
