package io.driftwatch.engine.service;

import io.driftwatch.engine.api.ConflictDesk;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * What the engine does with each command: a resolution goes through the conflict desk (the
 * resolving change to the job, the audit entry with the operator's name); a move of processing is
 * refused while {@code run} runs no failover controller.
 */
public final class CommandExecutor implements java.util.function.Function<Command, Command.Ack> {
    private final String engine;
    private final Supplier<ConflictDesk> desk;
    private final InstantSource clock;
    private final java.util.Map<String, io.driftwatch.engine.capture.CaptureSettings> captured;

    /** @param desk the pipeline's conflict desk, or null when it merges nothing (no ClickHouse) */
    public CommandExecutor(String engine, Supplier<ConflictDesk> desk, InstantSource clock) {
        this(engine, desk, clock, java.util.List.of());
    }

    /** @param captured the regions this engine captures: it re-snapshots those only */
    public CommandExecutor(String engine, Supplier<ConflictDesk> desk, InstantSource clock,
                           java.util.List<io.driftwatch.engine.capture.CaptureSettings> captured) {
        this.engine = engine;
        this.desk = desk;
        this.clock = clock;
        this.captured = new java.util.LinkedHashMap<>();
        captured.forEach(s -> this.captured.put(s.region(), s));
    }

    @Override
    public Command.Ack apply(Command command) {
        if (command instanceof Command.ResolveConflict r) {
            if (desk == null) {
                return ack(command, false, "this engine has no views to resolve conflicts in (no processing.clickhouse)");
            }
            ConflictDesk.Choice choice = r.keepSide() != null ? new ConflictDesk.Choice.KeepSide(r.keepSide())
                    : r.value() != null ? new ConflictDesk.Choice.EnterValue(r.value()) : new ConflictDesk.Choice.AcceptMerge();
            try (ConflictDesk d = desk.get()) {
                ConflictDesk.AuditRecord audit = d.resolve(r.conflict(), choice, r.operator(), r.reason());
                return ack(command, true, "conflict " + r.conflict() + " (" + audit.table() + " " + audit.key() + " " + audit.column() + "): "
                        + audit.decision() + " by " + audit.operator() + "; the view shows it once the job has merged it");
            } catch (IllegalArgumentException e) {
                return ack(command, false, e.getMessage());
            } catch (Exception e) {
                return ack(command, false, "could not resolve: " + e.getMessage());
            }
        }
        if (command instanceof Command.Resnapshot r) {
            io.driftwatch.engine.capture.CaptureSettings settings = captured.get(r.region());
            if (settings == null) {
                return ack(command, false, "this engine does not capture " + r.region() + (captured.isEmpty() ? " (it captures no region)"
                        : " (it captures " + String.join(", ", captured.keySet()) + ")"));
            }
            try {
                io.driftwatch.engine.capture.SlotRecovery.Done done = io.driftwatch.engine.capture.SlotRecovery.resnapshot(settings, line -> {});
                return ack(command, true, "re-snapshot of " + r.region() + " asked by " + r.operator() + ": "
                        + (done.walStatus().equals("absent") ? "no slot to drop" : "slot " + done.slot() + " (" + done.walStatus() + ") dropped")
                        + ", " + done.offsetsCleared() + " capture offset(s) cleared; capture snapshots the region within seconds, writing only "
                        + "what changed");
            } catch (IllegalStateException e) {
                return ack(command, false, e.getMessage());
            } catch (Exception e) {
                return ack(command, false, "could not re-snapshot " + r.region() + ": " + e.getMessage());
            }
        }
        return ack(command, false, "this engine runs no failover controller: processing stays where it is (failover runs in the local demo only)");
    }

    private Command.Ack ack(Command command, boolean done, String message) {
        return new Command.Ack(command.id(), engine, done, message, clock.millis());
    }
}
