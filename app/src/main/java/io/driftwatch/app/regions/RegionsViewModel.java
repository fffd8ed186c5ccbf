package io.driftwatch.app.regions;

import io.driftwatch.app.common.Messages;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.ReplicationLag;
import io.driftwatch.engine.api.ServerStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The regions screen's state: each region's servers and role, MirrorMaker 2's lag per direction
 * and per partition, the recorded failover figures, and the operator's moves (fail over, fail
 * back). Readings arrive on the FX thread from a monitor; a move runs on {@code background} (it
 * blocks until the views advance from the new region) and its answer comes back through
 * {@code fx}. Call every method on the FX thread.
 */
public final class RegionsViewModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What the operator can ask for. */
    public enum Move { FAILOVER, FAILBACK }

    private final Executor background;
    private final Consumer<Runnable> fx;
    private final LongSupplier clock;
    private RegionControl control;
    private RegionsSnapshot last;
    private long moveStartedMs;
    private String moveText;

    private final ObservableList<RegionRow> regions = FXCollections.observableArrayList();
    private final ObservableList<ReplicationDirection> directions = FXCollections.observableArrayList();
    private final ObservableList<ReplicationLag> partitions = FXCollections.observableArrayList();
    private final ObservableList<FailoverFigures> figures = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting for the pipeline to start.");
    private final ReadOnlyStringWrapper mirror = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper active = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failoverTarget = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canFailover = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canFailback = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper commandRefusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resultFailed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<FailoverFigures> lastMove = new ReadOnlyObjectWrapper<>();

    /** @param clock milliseconds since the epoch; how long a running move has taken is measured with it */
    public RegionsViewModel(Executor background, Consumer<Runnable> fx, LongSupplier clock) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
    }

    /** Every region, primary first. */
    public ObservableList<RegionRow> regions() { return regions; }
    /** MirrorMaker 2's lag summed per direction, with its worst partition. */
    public ObservableList<ReplicationDirection> directions() { return directions; }
    /** MirrorMaker 2's lag per partition and direction, worst first. */
    public ObservableList<ReplicationLag> partitions() { return partitions; }
    /** Every recorded move, newest first. */
    public ObservableList<FailoverFigures> figures() { return figures; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** MirrorMaker 2's process and what the probe could not reach. */
    public ReadOnlyStringProperty mirrorProperty() { return mirror.getReadOnlyProperty(); }
    /** The region that processes now; empty before the first reading and with one region. */
    public ReadOnlyStringProperty activeProperty() { return active.getReadOnlyProperty(); }
    /** Where a failover would move processing. */
    public ReadOnlyStringProperty failoverTargetProperty() { return failoverTarget.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canFailoverProperty() { return canFailover.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canFailbackProperty() { return canFailback.getReadOnlyProperty(); }
    /** True while a move runs. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** What the running move does and how long it has taken so far. */
    public ReadOnlyStringProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** What the last move did, or why it was refused. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty resultFailedProperty() { return resultFailed.getReadOnlyProperty(); }
    /** The figures of the last move this console made; the app reads the regions again when it changes. */
    public ReadOnlyObjectProperty<FailoverFigures> lastMoveProperty() { return lastMove.getReadOnlyProperty(); }

    public void waiting(String line) {
        status.set("Waiting for the pipeline: " + line);
    }

    public void failed(String why) {
        status.set("Regions cannot be read: " + Messages.firstLine(why));
    }

    /** A stalled flow is a failure, not a lag: named with MirrorMaker 2's own words. */
    private static String stalled(RegionsSnapshot snapshot) {
        List<String> stalled = snapshot.replication().stalled().stream().map(io.driftwatch.engine.api.MirrorFlow::describe).toList();
        return stalled.isEmpty() ? "" : " STALLED: " + String.join("; ", stalled) + ".";
    }

    /** Why this console may not give the engine commands (its Kafka user may not write the command topic), or null when it may. */
    public void commandsRefused(String reason) {
        commandRefusal.set(reason == null ? "" : reason);
        refreshActions();
    }

    /** Why the moves are disabled for this console's user; empty when they are not. */
    public ReadOnlyStringProperty commandRefusalProperty() {
        return commandRefusal.getReadOnlyProperty();
    }

    /** The pipeline's region control, or null with one region: enables the moves. */
    public void connect(RegionControl control) {
        this.control = control;
        refreshActions();
    }

    /** A fresh reading. */
    public void update(RegionsSnapshot snapshot) {
        last = snapshot;
        List<RegionRow> rows = new ArrayList<>();
        for (String region : snapshot.regions()) {
            rows.add(new RegionRow(region, region.equals(snapshot.primary()), region.equals(snapshot.active()),
                    up(snapshot.servers(), "postgres-" + region), up(snapshot.servers(), "kafka-" + region)));
        }
        regions.setAll(rows);
        List<ReplicationLag> worstFirst = new ArrayList<>(snapshot.replication().partitions());
        worstFirst.sort(ReplicationDirection.WORST_FIRST);
        partitions.setAll(worstFirst);
        directions.setAll(ReplicationDirection.of(snapshot.replication().partitions()));
        List<FailoverFigures> newestFirst = new ArrayList<>(snapshot.figures());
        java.util.Collections.reverse(newestFirst);
        figures.setAll(newestFirst);
        active.set(snapshot.active() == null ? "" : snapshot.active());

        Boolean mirrorUp = up(snapshot.servers(), "mirror");
        String problems = snapshot.replication().problems().isEmpty() ? ""
                : " Not reachable: " + String.join("; ", snapshot.replication().problems()) + ".";
        String copying = directions.size() + (directions.size() == 1 ? " direction" : " directions") + " over " + partitions.size() + " partitions";
        String mirrorLine;
        if (mirrorUp != null) {
            mirrorLine = "MirrorMaker 2 " + (mirrorUp ? "is up" : "is DOWN") + ", copying " + copying + ".";
        } else if (!directions.isEmpty()) {
            // Attached: MirrorMaker 2 runs outside the pipeline's config; its copies are read from the clusters themselves.
            mirrorLine = "MirrorMaker 2's copies, read from the clusters: " + copying + ".";
        } else {
            mirrorLine = "No MirrorMaker 2 copies between the regions.";
        }
        mirror.set(mirrorLine + problems + stalled(snapshot));
        String at = TIME.format(Instant.ofEpochMilli(clock.getAsLong())).substring(6);
        if (snapshot.regions().size() < 2 || snapshot.active() == null) {
            status.set("One region: nothing is replicated between regions and processing cannot move (read at " + at + ").");
        } else {
            long down = rows.stream().filter(r -> !r.up()).count();
            status.set("Processing in " + snapshot.active() + (snapshot.active().equals(snapshot.primary()) ? " (the primary)" : " (failed over from "
                    + snapshot.primary() + ")") + "; " + (down == 0 ? "every region's servers answer" : down + " region(s) with a server down")
                    + "; " + figures.size() + (figures.size() == 1 ? " move" : " moves") + " recorded (read at " + at + ").");
        }
        if (busy.get()) {
            showProgress();
        }
        refreshActions();
    }

    private static Boolean up(List<ServerStatus> servers, String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst().map(ServerStatus::up).orElse(null);
    }

    private void refreshActions() {
        String target = target();
        failoverTarget.set(target == null ? "" : target);
        boolean may = control != null && !busy.get() && commandRefusal.get().isEmpty();
        canFailover.set(may && target != null);
        canFailback.set(may && last != null && last.active() != null && !last.active().equals(last.primary()));
    }

    /** Where a failover moves processing: the first region, primary first, that does not process now. */
    private String target() {
        if (last == null || last.active() == null) {
            return null;
        }
        return last.regions().stream().filter(r -> !r.equals(last.active())).findFirst().orElse(null);
    }

    /** What the confirmation asks before {@code move}, or empty when the move cannot be made now (see {@link #refusal}). */
    public Optional<String> confirmation(Move move) {
        if (refusal(move).isPresent()) {
            return Optional.empty();
        }
        String from = last.active();
        String to = move == Move.FAILOVER ? target() : last.primary();
        return Optional.of("Move processing from " + from + " to " + to + "? The processing job is cancelled, restored in " + to
                + " from its newest checkpoint and reads " + to + "'s Kafka cluster from then on; the views pause until it "
                + "runs again (usually under a minute). Nothing committed is lost." + incompleteCopyWarning(to));
    }

    /**
     * Processing in {@code to} reads the other regions' data from MirrorMaker 2's copies there: when
     * a copy into {@code to} is behind or its flow stalled, the views may rest on it until it catches up.
     */
    private String incompleteCopyWarning(String to) {
        List<String> behind = last.replication().flows().stream()
                .filter(f -> f.to().equals(to) && f.condition() != io.driftwatch.engine.api.MirrorFlow.Condition.CAUGHT_UP)
                .map(io.driftwatch.engine.api.MirrorFlow::describe).toList();
        return behind.isEmpty() ? "" : " Warning: " + to + "'s copy is incomplete (" + String.join("; ", behind)
                + "); the views show that region's data only as far as the copy reaches until it catches up.";
    }

    /** Why {@code move} cannot be made now, or empty when it can. */
    public Optional<String> refusal(Move move) {
        if (control == null) {
            return Optional.of("Processing cannot move: the pipeline runs in one region.");
        }
        if (!commandRefusal.get().isEmpty()) {
            return Optional.of(commandRefusal.get());
        }
        if (busy.get()) {
            return Optional.of("A move is running; wait for its result.");
        }
        if (last == null || last.active() == null) {
            return Optional.of("The regions have not been read yet.");
        }
        if (move == Move.FAILOVER && target() == null) {
            return Optional.of("There is no other region to move to.");
        }
        if (move == Move.FAILBACK) {
            if (last.active().equals(last.primary())) {
                return Optional.of("Processing already runs in the primary region, " + last.primary() + ".");
            }
            if (Boolean.FALSE.equals(up(last.servers(), "kafka-" + last.primary()))) {
                return Optional.of("Fail-back is refused while " + last.primary() + "'s Kafka does not answer.");
            }
        }
        return Optional.empty();
    }

    /**
     * Fails over to the other region or back to the primary (after the view's confirmation), in
     * the background; false, with the reason as the result, when it cannot be made now.
     */
    public boolean move(Move move) {
        Optional<String> refused = refusal(move);
        if (refused.isPresent()) {
            show(refused.get(), true);
            return false;
        }
        RegionControl c = control;
        String from = last.active();
        String to = move == Move.FAILOVER ? target() : last.primary();
        busy.set(true);
        moveStartedMs = clock.getAsLong();
        moveText = (move == Move.FAILOVER ? "Failing over" : "Failing back") + " from " + from + " to " + to;
        showProgress();
        show("", false);
        refreshActions();
        background.execute(() -> {
            FailoverFigures figures;
            try {
                figures = move == Move.FAILOVER ? c.failover(to) : c.failback();
            } catch (Exception e) {
                fx.accept(() -> finished(null, "Not moved: " + e.getMessage()));
                return;
            }
            fx.accept(() -> finished(figures, null));
        });
        return true;
    }

    private void finished(FailoverFigures moved, String problem) {
        busy.set(false);
        progress.set("");
        if (moved == null) {
            show(problem, true);
        } else {
            show("Processing moved from " + moved.from() + " to " + moved.to() + " in " + seconds(moved.rtoMillis()) + " (detection "
                    + seconds(moved.detectionMillis()) + ", " + pending(moved) + ").", false);
            if (last != null) {
                // The move's answer is newer than the last reading; the next reading confirms it.
                update(new RegionsSnapshot(last.servers(), last.regions(), last.primary(), moved.to(), last.replication(), last.figures()));
            }
            lastMove.set(moved);
        }
        refreshActions();
    }

    private void showProgress() {
        progress.set(moveText + " … " + (clock.getAsLong() - moveStartedMs) / 1000 + " s so far (started "
                + TIME.format(Instant.ofEpochMilli(moveStartedMs)).substring(6) + ").");
    }

    private void show(String text, boolean failed) {
        result.set(text);
        resultFailed.set(failed);
    }

    /** Milliseconds as seconds with one decimal; "?" while unknown. */
    public static String seconds(long millis) {
        return millis < 0 ? "?" : String.format("%.1f s", millis / 1000.0);
    }

    /** The transactions that were committed but not visible at the move, per region, and whether they all arrived. */
    public static String pending(FailoverFigures f) {
        String perRegion = f.pendingTransactions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + (e.getValue() < 0 ? "?" : e.getValue())).collect(Collectors.joining(", "));
        String arrived = f.allArrived() == null ? "not checked" : f.allArrived() ? "all arrived" : "still arriving";
        return (perRegion.isEmpty() ? "no pending transactions" : "pending " + perRegion) + "; " + arrived;
    }

    /** How each source partition was placed in the new cluster. */
    public static String placements(FailoverFigures f) {
        return f.placements().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().toLowerCase().replace('_', ' ') + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** When a move began (the failure was first seen, or the command was given). */
    public static String at(FailoverFigures f) {
        return TIME.format(Instant.ofEpochMilli(f.failedAtMillis()));
    }
}
