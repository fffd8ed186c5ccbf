package io.driftwatch.app.lag;

import io.driftwatch.engine.api.LagSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lag screen's state: every lag of the last probe with its level, the worst one, each lag's
 * history over the last minutes, and an alert whenever a lag crosses a threshold. Fed on the FX
 * thread with probe snapshots; knows nothing of controls.
 *
 * <p>Why alerts on crossings and not on every amber probe: an on-call engineer needs to see when
 * something started and when it ended; a list repeating "still amber" every two seconds hides both.
 */
public final class LagViewModel {
    static final int MAX_ALERTS = 200;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final LagThresholds thresholds;
    private final Duration window;
    private final ObservableList<LagRow> rows = FXCollections.observableArrayList();
    private final ObservableList<LagAlert> alerts = FXCollections.observableArrayList();
    private final Map<LagStage, ObservableList<LagSeries>> stageCharts = new EnumMap<>(LagStage.class);
    private final ObservableList<LagSeries> selectedChart = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedTitle = new ReadOnlyStringWrapper("Select a lag to see its history.");
    private final ReadOnlyStringWrapper worst = new ReadOnlyStringWrapper("No lag measured yet.");
    private final ReadOnlyObjectWrapper<LagLevel> worstLevel = new ReadOnlyObjectWrapper<>(LagLevel.OK);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting for the pipeline to start.");
    private final ObservableList<io.driftwatch.engine.api.EngineAlert> engineFiring = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper engineAlertsNote = new ReadOnlyStringWrapper("Reading the engine's alerts from its status topic.");
    private final Map<String, io.driftwatch.engine.api.EngineAlert> engineFiringByKey = new java.util.LinkedHashMap<>();
    private final ObservableList<String> lostSlots = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyBooleanWrapper canResnapshot = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private Resnapshots resnapshots;
    private final javafx.beans.property.ReadOnlyStringWrapper commandRefusal = new javafx.beans.property.ReadOnlyStringWrapper("");
    private boolean resnapshotRunning;
    private java.util.concurrent.Executor calls;
    private java.util.function.Consumer<Runnable> fx;

    private final Map<String, LagLevel> levels = new HashMap<>();
    private final Map<String, Deque<Sample>> rowHistory = new HashMap<>();
    private final Map<LagStage, Map<String, Deque<Sample>>> stageHistory = new EnumMap<>(LagStage.class);
    private String selectedKey;
    private Instant newest;

    private record Sample(Instant at, long value) {}

    public LagViewModel(LagThresholds thresholds, Duration window) {
        this.thresholds = thresholds;
        this.window = window;
        for (LagStage stage : LagStage.values()) {
            stageCharts.put(stage, FXCollections.observableArrayList());
            stageHistory.put(stage, new TreeMap<>());
        }
    }

    public LagThresholds thresholds() {
        return thresholds;
    }

    /** Every lag of the last probe, in pipeline order. */
    public ObservableList<LagRow> rows() {
        return rows;
    }

    /** Threshold crossings, newest first. */
    public ObservableList<LagAlert> alerts() {
        return alerts;
    }

    /** What carries out a re-snapshot: asks the pipeline's engine and returns its answer. Blocking. */
    public interface Resnapshots {
        /** @return whether the engine did it, and its words */
        io.driftwatch.engine.api.AttachedPipeline.Answer resnapshot(String region) throws Exception;
    }

    /** The regions whose replication slot PostgreSQL invalidated ({@code wal_status} lost), at the latest probe. */
    public ObservableList<String> lostSlots() {
        return lostSlots;
    }

    /** Whether this console can ask for a re-snapshot (attached to a pipeline, none running now). */
    public ReadOnlyBooleanProperty canResnapshot() {
        return canResnapshot.getReadOnlyProperty();
    }

    /** Lets the console ask the pipeline's engine to re-snapshot a region; calls run on {@code calls}, results reach {@code fx}. */
    public void connectResnapshots(Resnapshots resnapshots, java.util.concurrent.Executor calls, java.util.function.Consumer<Runnable> fx) {
        this.resnapshots = resnapshots;
        this.calls = calls;
        this.fx = fx;
        refreshResnapshot();
    }

    /** Why this console may not give the engine commands (its Kafka user may not write the command topic), or null when it may. */
    public void commandsRefused(String reason) {
        commandRefusal.set(reason == null ? "" : reason);
        refreshResnapshot();
    }

    /** Why re-snapshots are disabled for this console's user; empty when they are not. */
    public javafx.beans.property.ReadOnlyStringProperty commandRefusalProperty() {
        return commandRefusal.getReadOnlyProperty();
    }

    private void refreshResnapshot() {
        canResnapshot.set(resnapshots != null && !resnapshotRunning && commandRefusal.get().isEmpty());
    }

    /** Asks the engine to re-snapshot {@code region} (after the operator confirmed); the answer enters the alerts list. FX thread. */
    public void resnapshot(String region) {
        if (resnapshots == null || !canResnapshot.get()) {
            return;
        }
        resnapshotRunning = true;
        refreshResnapshot();
        alert(new LagAlert(Instant.now(), LagLevel.AMBER, "asked the engine to re-snapshot " + region));
        calls.execute(() -> {
            LagAlert result;
            try {
                io.driftwatch.engine.api.AttachedPipeline.Answer answer = resnapshots.resnapshot(region);
                result = new LagAlert(Instant.now(), answer.done() ? LagLevel.OK : LagLevel.RED,
                        (answer.done() ? "" : "re-snapshot of " + region + " refused: ") + answer.message());
            } catch (Exception e) {
                result = new LagAlert(Instant.now(), LagLevel.RED, "re-snapshot of " + region + " failed: " + e.getMessage());
            }
            LagAlert shown = result;
            fx.accept(() -> {
                alert(shown);
                resnapshotRunning = false;
                refreshResnapshot();
            });
        });
    }

    /** The alerts firing in the pipeline's engine now (its rules, evaluated with no console open), oldest first. */
    public ObservableList<io.driftwatch.engine.api.EngineAlert> engineAlerts() {
        return engineFiring;
    }

    /** What to say where no engine alert is listed: none firing, not readable, or none evaluated. */
    public ReadOnlyStringProperty engineAlertsNote() {
        return engineAlertsNote.getReadOnlyProperty();
    }

    /**
     * The alerts the engine reported firing at {@code at}. One that was not firing before also
     * enters the alerts list, and one no longer reported enters it as resolved, so the list holds
     * the recent ones with when they began and ended.
     */
    public void engineAlerts(Instant at, List<io.driftwatch.engine.api.EngineAlert> now) {
        Map<String, io.driftwatch.engine.api.EngineAlert> next = new java.util.LinkedHashMap<>();
        now.stream().sorted(java.util.Comparator.comparingLong(io.driftwatch.engine.api.EngineAlert::sinceMs))
                .forEach(a -> next.put(a.key(), a));
        engineFiringByKey.forEach((key, a) -> {
            if (!next.containsKey(key)) {
                alert(new LagAlert(at, LagLevel.OK, "engine: " + a.rule() + " resolved: " + a.summary()));
            }
        });
        next.forEach((key, a) -> {
            if (!engineFiringByKey.containsKey(key)) {
                alert(new LagAlert(at, LagLevel.RED, "engine: " + a.rule() + " firing: " + a.summary()));
            }
        });
        engineFiringByKey.clear();
        engineFiringByKey.putAll(next);
        engineFiring.setAll(next.values());
        engineAlertsNote.set("No alert firing in the engine (read " + CLOCK.format(at) + ").");
    }

    /** The engine's alerts cannot be shown: why (unreadable status topic, or an engine that evaluates no rules). */
    public void engineAlertsUnavailable(String why) {
        engineFiring.clear();
        engineAlertsNote.set(why);
    }

    /** A stage's history per region (slot: the region's furthest slot; Kafka: all partitions together). */
    public ObservableList<LagSeries> stageChart(LagStage stage) {
        return stageCharts.get(stage);
    }

    /** The selected lag's history: one series, or none before a selection. */
    public ObservableList<LagSeries> selectedChart() {
        return selectedChart;
    }

    public ReadOnlyStringProperty selectedTitleProperty() {
        return selectedTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty worstProperty() {
        return worst.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LagLevel> worstLevelProperty() {
        return worstLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void waiting(String line) {
        status.set("Waiting for the pipeline: " + line);
    }

    public void failed(String reason) {
        status.set("Lag cannot be measured: " + reason);
    }

    /** Shows the history of the lag with {@code key} (a {@link LagRow#key()}); null clears the selection. */
    public void select(String key) {
        selectedKey = key;
        refreshSelected();
    }

    /** A fresh probe of every stage. */
    public void update(LagSnapshot snapshot) {
        Instant at = snapshot.at();
        newest = at;
        List<LagRow> measured = measure(snapshot);
        LagRow top = measured.stream().max(Comparator.comparing(LagRow::level).thenComparingDouble(this::pastAmber)).orElse(null);
        List<LagRow> shown = new ArrayList<>();
        for (LagRow r : measured) {
            shown.add(r == top ? new LagRow(r.key(), r.stage(), r.region(), r.subject(), r.value(), r.shown(), r.level(), true) : r);
        }
        rows.setAll(shown);
        lostSlots.setAll(snapshot.slots().stream().filter(slot -> "lost".equals(slot.walStatus())).map(LagSnapshot.SlotLag::region)
                .distinct().sorted().toList());
        raiseAlerts(at, shown);
        record(at, shown);
        if (top == null) {
            worst.set("No lag measured yet.");
            worstLevel.set(LagLevel.OK);
        } else {
            worst.set((top.level() == LagLevel.OK ? "Largest lag (all under amber): " : "Worst lag (" + top.level().word() + "): ")
                    + top.sentence());
            worstLevel.set(top.level());
        }
        String when = "Measured at " + CLOCK.format(at);
        status.set(snapshot.problems().isEmpty() ? when + " from PostgreSQL, Kafka and ClickHouse."
                : when + "; not measured: " + String.join("; ", snapshot.problems()));
    }

    private List<LagRow> measure(LagSnapshot s) {
        List<LagRow> out = new ArrayList<>();
        for (LagSnapshot.SlotLag slot : s.slots()) {
            String subject = "slot " + slot.slot() + (slot.active() ? "" : " (no reader)")
                    + (slot.walStatus() == null || slot.walStatus().equals("reserved") ? "" : ", WAL " + slot.walStatus())
                    + (slot.safeWalBytes() >= 0 ? ", " + io.driftwatch.engine.api.ByteSize.human(slot.safeWalBytes()) + " until at risk" : "");
            out.add(row(LagStage.SLOT, slot.region(), subject, "slot:" + slot.slot(), Math.max(0, slot.lagBytes())));
        }
        for (LagSnapshot.PartitionLag p : s.partitions()) {
            String subject = p.topic() + " [" + p.partition() + "]" + (p.committedOffset() < 0 ? " (nothing committed yet)" : "");
            out.add(row(LagStage.CONSUMER, p.region(), subject, p.topic() + "/" + p.partition(), p.lag()));
        }
        for (LagSnapshot.VisibilityLag v : s.visibility()) {
            out.add(row(LagStage.VISIBILITY, v.region(), "views in ClickHouse", "views", v.lagMillis()));
        }
        return out;
    }

    private LagRow row(LagStage stage, String region, String subject, String id, long value) {
        return new LagRow(stage.name() + "|" + region + "|" + id, stage, region, subject, value, stage.format(value),
                thresholds.levelOf(stage, value), false);
    }

    private double pastAmber(LagRow r) {
        return (double) r.value() / thresholds.amber(r.stage());
    }

    private void raiseAlerts(Instant at, List<LagRow> now) {
        Map<String, LagLevel> seen = new HashMap<>();
        for (LagRow r : now) {
            LagLevel before = levels.getOrDefault(r.key(), LagLevel.OK);
            seen.put(r.key(), r.level());
            if (r.level().compareTo(before) > 0) {
                long threshold = r.level() == LagLevel.RED ? thresholds.red(r.stage()) : thresholds.amber(r.stage());
                alert(new LagAlert(at, r.level(), r.level().word().toUpperCase() + ": " + r.sentence() + " (" + r.level().word()
                        + " at " + r.stage().format(threshold) + ")"));
            } else if (r.level() == LagLevel.OK && before != LagLevel.OK) {
                alert(new LagAlert(at, LagLevel.OK, "recovered: " + r.sentence() + " (under " + r.stage().format(thresholds.amber(r.stage()))
                        + ")"));
            }
        }
        levels.clear();
        levels.putAll(seen);
    }

    private void alert(LagAlert alert) {
        alerts.add(0, alert);
        if (alerts.size() > MAX_ALERTS) {
            alerts.remove(MAX_ALERTS, alerts.size());
        }
    }

    private void record(Instant at, List<LagRow> now) {
        Map<LagStage, Map<String, Long>> perRegion = new EnumMap<>(LagStage.class);
        for (LagRow r : now) {
            rowHistory.computeIfAbsent(r.key(), k -> new ArrayDeque<>()).addLast(new Sample(at, r.value()));
            Map<String, Long> regions = perRegion.computeIfAbsent(r.stage(), s -> new LinkedHashMap<>());
            // Slots: the region's furthest slot; partitions: everything the job has to catch up on; views: one value.
            regions.merge(r.region(), r.value(), r.stage() == LagStage.CONSUMER ? Long::sum : Math::max);
        }
        perRegion.forEach((stage, regions) -> regions.forEach((region, value) ->
                stageHistory.get(stage).computeIfAbsent(region, k -> new ArrayDeque<>()).addLast(new Sample(at, value))));
        Instant oldest = at.minus(window);
        rowHistory.values().forEach(d -> trim(d, oldest));
        rowHistory.values().removeIf(Deque::isEmpty);
        for (LagStage stage : LagStage.values()) {
            Map<String, Deque<Sample>> series = stageHistory.get(stage);
            series.values().forEach(d -> trim(d, oldest));
            series.values().removeIf(Deque::isEmpty);
            List<LagSeries> lines = new ArrayList<>();
            series.forEach((region, samples) -> lines.add(series(stage, region, samples)));
            stageCharts.get(stage).setAll(lines);
        }
        refreshSelected();
    }

    /** The selected lag's history; until the user selects one, the worst lag's. */
    private void refreshSelected() {
        LagRow row = rows.stream().filter(r -> selectedKey == null ? r.worst() : r.key().equals(selectedKey)).findFirst().orElse(null);
        Deque<Sample> samples = row == null ? null : rowHistory.get(row.key());
        if (samples == null) {
            selectedChart.clear();
            selectedTitle.set("Select a lag to see its history.");
            return;
        }
        selectedTitle.set((selectedKey == null ? "Worst: " : "") + row.subject() + " in " + row.region() + " (" + row.stage().chartUnit() + ")");
        selectedChart.setAll(List.of(series(row.stage(), row.subject(), samples)));
    }

    private LagSeries series(LagStage stage, String name, Deque<Sample> samples) {
        List<LagSeries.Point> points = new ArrayList<>();
        for (Sample s : samples) {
            points.add(new LagSeries.Point(-Duration.between(s.at(), newest).toMillis() / 1000.0, stage.chartValue(s.value())));
        }
        return new LagSeries(name, points);
    }

    private static void trim(Deque<Sample> samples, Instant oldest) {
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }
}
