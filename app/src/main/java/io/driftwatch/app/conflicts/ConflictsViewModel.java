package io.driftwatch.app.conflicts;

import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.ConflictDesk.Choice;
import io.driftwatch.engine.api.ConflictDesk.OpenConflict;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The conflicts screen's state: the open conflicts (filterable), the selected one's sides, version
 * vectors, automatic merge and reason, the operator's decision with its reason, and the audit
 * trail. Reads and decisions run on {@code background}; their answers are applied through
 * {@code fx}. Call every method on the FX thread.
 *
 * <p>Why every decision needs a reason: the audit trail is how the next on-call engineer (or an
 * auditor) learns why a price or a stock count was set by hand; a decision without a reason is
 * noise there.
 */
public final class ConflictsViewModel {
    static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** A stock driven below zero cannot be settled by keeping one side: both sides' sales happened. */
    public static final String INVARIANT_VIOLATION = "INVARIANT_VIOLATION";

    private final Executor background;
    private final Consumer<Runnable> fx;
    private ConflictSource source;
    private final ReadOnlyStringWrapper commandRefusal = new ReadOnlyStringWrapper("");

    private final ObservableList<OpenConflict> conflicts = FXCollections.observableArrayList();
    private final FilteredList<OpenConflict> shown = new FilteredList<>(conflicts);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<OpenConflict> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SideRow> sides = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<VectorDiagram> diagram = new ReadOnlyObjectWrapper<>(VectorDiagram.EMPTY);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("No conflict selected");
    private final ReadOnlyStringWrapper merged = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper why = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canKeepSide = new ReadOnlyBooleanWrapper(false);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty enteredValue = new SimpleStringProperty("");
    private final StringProperty operator;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resultFailed = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<ConflictDesk.AuditRecord> audit = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting for the pipeline to start.");
    private final ReadOnlyBooleanWrapper merging = new ReadOnlyBooleanWrapper(false);
    private boolean reading;

    /** One side of the selected conflict as the screen lists it. */
    public record SideRow(int index, String region, String value, String clock, String vector) {}

    /** @param operator who decides; the app passes the OS user unless the command line names one */
    public ConflictsViewModel(Executor background, Consumer<Runnable> fx, String operator) {
        this.background = background;
        this.fx = fx;
        this.operator = new SimpleStringProperty(operator == null ? "" : operator);
        filter.addListener((obs, old, now) -> shown.setPredicate(c -> matches(c, now)));
    }

    public ObservableList<OpenConflict> conflicts() { return conflicts; }
    /** The open conflicts the filter lets through, oldest first. */
    public ObservableList<OpenConflict> shown() { return shown; }
    /** Matches table, key, column, kind or a side's region, case-insensitively. */
    public StringProperty filterProperty() { return filter; }
    public ReadOnlyObjectProperty<OpenConflict> selectedProperty() { return selected.getReadOnlyProperty(); }
    public ObservableList<SideRow> sides() { return sides; }
    public ReadOnlyObjectProperty<VectorDiagram> diagramProperty() { return diagram.getReadOnlyProperty(); }
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty mergedProperty() { return merged.getReadOnlyProperty(); }
    public ReadOnlyStringProperty whyProperty() { return why.getReadOnlyProperty(); }
    /** False for an invariant violation, where no single side is right. */
    public ReadOnlyBooleanProperty canKeepSideProperty() { return canKeepSide.getReadOnlyProperty(); }
    /** Why the operator decides as they do; required. */
    public StringProperty reasonProperty() { return reason; }
    /** The value for "enter a value", as JSON or plain text. */
    public StringProperty enteredValueProperty() { return enteredValue; }
    public StringProperty operatorProperty() { return operator; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** What the last decision did, or why it was refused. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty resultFailedProperty() { return resultFailed.getReadOnlyProperty(); }
    /** Every decision, newest first. */
    public ObservableList<ConflictDesk.AuditRecord> audit() { return audit; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** True once the pipeline merges at least one table, so conflicts can be recorded. */
    public ReadOnlyBooleanProperty mergingProperty() { return merging.getReadOnlyProperty(); }

    public void waiting(String line) {
        status.set("Waiting for the pipeline: " + line);
    }

    public void failed(String why) {
        status.set("Conflicts cannot be read: " + why);
    }

    /** Starts reading {@code source}. */
    public void connect(ConflictSource source) {
        this.source = source;
        refresh();
    }

    /** Reads the open conflicts and the audit trail again, keeping the selection while it is open. */
    public void refresh() {
        ConflictSource s = source;
        if (s == null || reading) {
            return;
        }
        reading = true;
        background.execute(() -> {
            ConflictSource.Snapshot snapshot;
            try {
                snapshot = s.read();
            } catch (RuntimeException e) {
                fx.accept(() -> {
                    reading = false;
                    failed(String.valueOf(e.getMessage()));
                });
                return;
            }
            fx.accept(() -> {
                reading = false;
                update(snapshot);
            });
        });
    }

    /** Shows a snapshot of the desk; the background read calls it, tests may too. */
    public void update(ConflictSource.Snapshot snapshot) {
        merging.set(snapshot.merging());
        String current = selected.get() == null ? null : selected.get().id();
        conflicts.setAll(snapshot.open());
        List<ConflictDesk.AuditRecord> newestFirst = new ArrayList<>(snapshot.audit());
        java.util.Collections.reverse(newestFirst);
        audit.setAll(newestFirst);
        String at = TIME.format(Instant.now()).substring(11);
        if (!snapshot.merging()) {
            status.set("The demo merges no table yet, so no conflicts are recorded: the pipeline processes each region's "
                    + "changes without merging them across regions (read at " + at + ").");
        } else {
            int n = snapshot.open().size();
            status.set((n == 0 ? "No open conflicts" : n + (n == 1 ? " open conflict" : " open conflicts")) + "; "
                    + snapshot.audit().size() + (snapshot.audit().size() == 1 ? " decision" : " decisions") + " in the audit trail (read at "
                    + at + ").");
        }
        select(current != null && snapshot.open().stream().anyMatch(c -> c.id().equals(current)) ? current : null);
    }

    /** Shows the conflict with {@code id}; null, or an id that is not open, clears the selection. */
    public void select(String id) {
        OpenConflict c = id == null ? null : conflicts.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        boolean changed = c == null ? selected.get() != null : selected.get() == null || !selected.get().id().equals(c.id());
        selected.set(c);
        if (c == null) {
            sides.clear();
            diagram.set(VectorDiagram.EMPTY);
            heading.set("No conflict selected");
            merged.set("");
            why.set("");
            canKeepSide.set(false);
            return;
        }
        List<SideRow> rows = new ArrayList<>();
        for (int i = 0; i < c.sides().size(); i++) {
            ConflictDesk.Side s = c.sides().get(i);
            rows.add(new SideRow(i, s.region(), s.value(), s.clock(), vectorText(s)));
        }
        sides.setAll(rows);
        diagram.set(VectorDiagram.of(c.sides()));
        heading.set(c.table() + " " + c.key() + ", column " + c.column() + ": " + kindText(c.kind()));
        merged.set(c.merged());
        why.set(c.reason());
        canKeepSide.set(!INVARIANT_VIOLATION.equals(c.kind()) && !c.sides().isEmpty());
        if (changed) {
            enteredValue.set(c.merged());
        }
    }

    /** Keeps side {@code index} (0-based, as listed). */
    public boolean keepSide(int index) {
        return decide(new Choice.KeepSide(index));
    }

    /** Sets the column to {@link #enteredValueProperty()}. */
    public boolean enterValue() {
        return decide(new Choice.EnterValue(enteredValue.get() == null ? "" : enteredValue.get().trim()));
    }

    /** Keeps what the automatic merge made of it. */
    public boolean acceptMerge() {
        return decide(new Choice.AcceptMerge());
    }

    /** Why this console may not give the engine commands (its Kafka user may not write the command topic), or null when it may. */
    public void commandsRefused(String reason) {
        commandRefusal.set(reason == null ? "" : reason);
    }

    /** Why decisions are disabled for this console's user; empty when they are not. */
    public ReadOnlyStringProperty commandRefusalProperty() {
        return commandRefusal.getReadOnlyProperty();
    }

    /** Why {@code choice} cannot be applied to the selected conflict now, or empty when it can. */
    public Optional<String> refusal(Choice choice) {
        OpenConflict c = selected.get();
        if (source == null) {
            return Optional.of("Not connected to the pipeline's conflicts yet.");
        }
        if (!commandRefusal.get().isEmpty()) {
            return Optional.of(commandRefusal.get());
        }
        if (c == null) {
            return Optional.of("Select a conflict first.");
        }
        if (busy.get()) {
            return Optional.of("A decision is being applied; wait for its result.");
        }
        if (operator.get() == null || operator.get().isBlank()) {
            return Optional.of("Say who decides: the operator is empty.");
        }
        if (reason.get() == null || reason.get().isBlank()) {
            return Optional.of("Give a reason for the decision; it goes into the audit trail.");
        }
        if (choice instanceof Choice.KeepSide keep) {
            if (INVARIANT_VIOLATION.equals(c.kind())) {
                return Optional.of("Keeping one side is not allowed for an invariant violation: both sides' changes happened. "
                        + "Enter a value or accept the merge.");
            }
            if (keep.index() < 0 || keep.index() >= c.sides().size()) {
                return Optional.of("There is no side " + (keep.index() + 1) + ".");
            }
        }
        if (choice instanceof Choice.EnterValue enter && enter.value().isBlank()) {
            return Optional.of("Enter the value to set.");
        }
        return Optional.empty();
    }

    private boolean decide(Choice choice) {
        Optional<String> refused = refusal(choice);
        if (refused.isPresent()) {
            show(refused.get(), true);
            return false;
        }
        OpenConflict c = selected.get();
        ConflictSource s = source;
        String who = operator.get().trim();
        String because = reason.get().trim();
        busy.set(true);
        show("Applying " + describe(choice, c) + " to " + c.column() + " of " + c.key() + " …", false);
        background.execute(() -> {
            ConflictDesk.AuditRecord record;
            try {
                record = s.resolve(c.id(), choice, who, because);
            } catch (Exception e) {
                fx.accept(() -> {
                    busy.set(false);
                    show("Not applied: " + e.getMessage(), true);
                    refresh();
                });
                return;
            }
            fx.accept(() -> {
                busy.set(false);
                reason.set("");
                show("Resolved " + record.table() + " " + record.key() + " " + record.column() + ": " + record.decision() + ", value "
                        + record.value() + " (by " + record.operator() + "). It leaves the list once the job has merged it.", false);
                refresh();
            });
        });
        return true;
    }

    private void show(String text, boolean failed) {
        result.set(text);
        resultFailed.set(failed);
    }

    private static String describe(Choice choice, OpenConflict c) {
        if (choice instanceof Choice.KeepSide keep) {
            return "keep side " + (keep.index() + 1) + " (" + c.sides().get(keep.index()).region() + ")";
        }
        return choice instanceof Choice.EnterValue enter ? "value " + enter.value() : "the automatic merge";
    }

    static boolean matches(OpenConflict c, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.trim().toLowerCase(Locale.ROOT);
        return c.table().toLowerCase(Locale.ROOT).contains(f) || c.key().toLowerCase(Locale.ROOT).contains(f)
                || c.column().toLowerCase(Locale.ROOT).contains(f) || c.kind().toLowerCase(Locale.ROOT).contains(f)
                || kindText(c.kind()).toLowerCase(Locale.ROOT).contains(f)
                || c.sides().stream().anyMatch(s -> s.region().toLowerCase(Locale.ROOT).contains(f));
    }

    /** A conflict's kind for people. */
    public static String kindText(String kind) {
        return switch (kind) {
            case "CONCURRENT_MANUAL" -> "concurrent changes to a manual column";
            case INVARIANT_VIOLATION -> "the merge broke an invariant";
            default -> kind.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** A conflict's kind in a few words, for the list (the heading says it in full). */
    public static String kindShort(String kind) {
        return switch (kind) {
            case "CONCURRENT_MANUAL" -> "concurrent edits";
            case INVARIANT_VIOLATION -> "invariant broken";
            default -> kind.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static final java.util.regex.Pattern KEY_VALUE = java.util.regex.Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]+)");

    /**
     * A row key for the list: its values alone ({@code {"sku": "SKU-5"}} → {@code SKU-5},
     * {@code {"order_id": 7, "line_no": 2}} → {@code 7, 2}); the key as it is when it is not a JSON object.
     */
    public static String keyShort(String key) {
        java.util.regex.Matcher m = KEY_VALUE.matcher(key);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            String v = m.group(1).strip();
            values.add(v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"") : v);
        }
        return key.strip().startsWith("{") && !values.isEmpty() ? String.join(", ", values) : key;
    }

    /** A table for the list: without the schema when it is {@code public}. */
    public static String tableShort(String table) {
        return table.startsWith("public.") ? table.substring("public.".length()) : table;
    }

    /** When a conflict was detected, for the list (month-day and time). */
    public static String detected(OpenConflict c) {
        return SHORT.format(Instant.ofEpochMilli(c.detectedMs()));
    }

    /** An audit record's time, for the list. */
    public static String at(ConflictDesk.AuditRecord r) {
        return TIME.format(Instant.ofEpochMilli(r.atMs()));
    }

    static String vectorText(ConflictDesk.Side s) {
        List<String> parts = new ArrayList<>();
        s.vector().forEach((region, count) -> parts.add(region + ":" + count));
        return "{" + String.join(", ", parts) + "}";
    }
}
