package io.driftwatch.engine.service;

import io.driftwatch.engine.api.ConflictDesk;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * What the engine does with each command: a resolution goes through the conflict desk (the
 * resolving change to the job, the audit entry with the operator's name); a move of processing goes
 * through the failover controller {@code run} runs with a {@code failover} section (refused
 * without one); a re-snapshot is done by the engine that captures the region.
 */
public final class CommandExecutor implements java.util.function.Function<Command, Command.Ack> {
    private final String engine;
    private final Supplier<ConflictDesk> desk;
    private final InstantSource clock;
    private final java.util.Map<String, io.driftwatch.engine.capture.CaptureSettings> captured;
    private final io.driftwatch.engine.api.RegionControl regions;

    /** @param desk the pipeline's conflict desk, or null when it merges nothing (no ClickHouse) */
    public CommandExecutor(String engine, Supplier<ConflictDesk> desk, InstantSource clock) {
        this(engine, desk, clock, java.util.List.of());
    }

    /** @param captured the regions this engine captures: it re-snapshots those only */
    public CommandExecutor(String engine, Supplier<ConflictDesk> desk, InstantSource clock,
                           java.util.List<io.driftwatch.engine.capture.CaptureSettings> captured) {
        this(engine, desk, clock, captured, null);
    }

    /** @param regions the failover controller this engine runs, or null when it runs none (processing does not move) */
    public CommandExecutor(String engine, Supplier<ConflictDesk> desk, InstantSource clock,
                           java.util.List<io.driftwatch.engine.capture.CaptureSettings> captured,
                           io.driftwatch.engine.api.RegionControl regions) {
        this.regions = regions;
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
        if (command instanceof Command.MoveProcessing m) {
            return move(m);
        }
        return ack(command, false, "unknown command " + command.getClass().getSimpleName());
    }

    /** Moves processing as the command asks; the acknowledgement names the move so its figures can be found ({@code move <id>}). */
    private Command.Ack move(Command.MoveProcessing m) {
        if (regions == null) {
            return ack(m, false, "this engine runs no failover controller (the config has no 'failover' section, or one region): "
                    + "processing stays where it is");
        }
        String from = regions.activeRegion();
        String to;
        if (m.failback()) {
            to = regions.primaryRegion();
        } else if (m.region() != null) {
            to = m.region();
        } else {
            java.util.List<String> others = regions.regions().stream().filter(r -> !r.equals(from)).toList();
            if (others.size() != 1) {
                return ack(m, false, "processing runs in " + from + " and could move to any of " + others + ": name the region");
            }
            to = others.get(0);
        }
        if (to.equals(from)) {
            return ack(m, false, "processing already runs in " + to);
        }
        try {
            io.driftwatch.engine.api.FailoverFigures f = m.failback() ? regions.failback() : regions.failover(to);
            return ack(m, true, f.kind() + " from " + f.from() + " to " + f.to() + " asked by " + m.operator() + ": views advancing again after "
                    + (f.rtoMillis() < 0 ? "(not within 2 min)" : f.rtoMillis() + " ms") + " (move " + f.id() + ")");
        } catch (IllegalStateException | IllegalArgumentException e) {
            return ack(m, false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ack(m, false, "interrupted while moving processing to " + to);
        } catch (Exception e) {
            return ack(m, false, "could not move processing to " + to + ": " + e.getMessage());
        }
    }

    private Command.Ack ack(Command command, boolean done, String message) {
        return new Command.Ack(command.id(), engine, done, message, clock.millis());
    }
}
