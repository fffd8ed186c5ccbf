package io.driftwatch.app.schemas;

import io.driftwatch.engine.api.SchemaCheck;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.SubjectLevel;
import io.driftwatch.engine.api.SubjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The schemas screen's state: the registry's subjects, the selected subject's versions and
 * compatibility level, a diff between any two of its versions, and the test of a candidate
 * schema against the subject. Registry calls run on {@code background}; their answers are
 * applied through {@code fx}. Call every method on the FX thread.
 *
 * <p>Why answers are dropped when the selection moved on: a slow answer for a subject the user
 * already left must not overwrite the one now shown.
 */
public final class SchemasViewModel {
    private final Executor background;
    private final Consumer<Runnable> fx;
    private SchemaRegistry registry;

    private final ObservableList<String> subjects = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedSubject = new ReadOnlyStringWrapper();
    private final ObservableList<SubjectVersion> versions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper level = new ReadOnlyStringWrapper("");
    private final ObjectProperty<SubjectVersion> from = new SimpleObjectProperty<>();
    private final ObjectProperty<SubjectVersion> to = new SimpleObjectProperty<>();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shownSchema = new ReadOnlyStringWrapper("");
    private final StringProperty candidate = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(Verdict.NONE);
    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper("");
    private final ObservableList<String> checkDetails = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting for the schema registry to start.");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private long selection;

    public SchemasViewModel(Executor background, Consumer<Runnable> fx) {
        this.background = background;
        this.fx = fx;
        from.addListener((obs, old, now) -> showDiff());
        to.addListener((obs, old, now) -> showDiff());
    }

    public ObservableList<String> subjects() { return subjects; }
    public ReadOnlyStringProperty selectedSubjectProperty() { return selectedSubject.getReadOnlyProperty(); }
    /** The selected subject's versions, oldest first. */
    public ObservableList<SubjectVersion> versions() { return versions; }
    /** The subject's compatibility level and what it promises. */
    public ReadOnlyStringProperty levelProperty() { return level.getReadOnlyProperty(); }
    /** The older side of the diff. */
    public ObjectProperty<SubjectVersion> fromProperty() { return from; }
    /** The newer side of the diff, whose schema is shown. */
    public ObjectProperty<SubjectVersion> toProperty() { return to; }
    /** One line per change from {@link #fromProperty()} to {@link #toProperty()}. */
    public ObservableList<String> diff() { return diff; }
    public ReadOnlyStringProperty diffTitleProperty() { return diffTitle.getReadOnlyProperty(); }
    public ReadOnlyStringProperty shownSchemaProperty() { return shownSchema.getReadOnlyProperty(); }
    /** The schema to test, as typed; starts as the subject's latest version. */
    public StringProperty candidateProperty() { return candidate; }
    public ReadOnlyObjectProperty<Verdict> verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verdictTextProperty() { return verdictText.getReadOnlyProperty(); }
    /** Each incompatibility in plain words, then the changes and what the registry said. */
    public ObservableList<String> checkDetails() { return checkDetails; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty connectedProperty() { return connected.getReadOnlyProperty(); }

    /** Starts reading the registry. */
    public void connect(SchemaRegistry registry) {
        this.registry = registry;
        connected.set(true);
        refresh();
    }

    public void failed(String reason) {
        status.set("The schema registry cannot be read: " + io.driftwatch.engine.api.SecretMask.mask(reason));
    }

    /** Reads the subjects again, keeping the selection when the subject still exists. */
    public void refresh() {
        if (registry == null) {
            return;
        }
        SchemaRegistry r = registry;
        String shown = io.driftwatch.engine.api.SecretMask.mask(r.url());
        status.set("Reading subjects from " + shown + " …");
        run(r::subjects, list -> {
            subjects.setAll(list);
            status.set(list.size() + (list.size() == 1 ? " subject" : " subjects") + " in the registry at " + shown + ".");
            String current = selectedSubject.get();
            if (current != null && list.contains(current)) {
                load(current, false);
            } else if (current == null && !list.isEmpty()) {
                select(list.stream().filter(SchemasViewModel::isTableValue).findFirst().orElse(list.get(0)));
            }
        });
    }

    /** Shows {@code subject}: its versions, its level, the diff of its last two versions, and its latest schema as the candidate. */
    public void select(String subject) {
        load(subject, true);
    }

    /** Reads the subject's versions and level; a fresh selection also starts the candidate from its latest schema. */
    private void load(String subject, boolean fresh) {
        if (registry == null || subject == null) {
            return;
        }
        long mine = fresh ? ++selection : selection;
        selectedSubject.set(subject);
        SchemaRegistry r = registry;
        record Loaded(List<SubjectVersion> versions, SubjectLevel level) {}
        run(() -> new Loaded(r.versions(subject), r.level(subject)), loaded -> {
            if (mine != selection) {
                return;
            }
            versions.setAll(loaded.versions());
            level.set(loaded.level().level() + ": " + loaded.level().meaning());
            int n = loaded.versions().size();
            SubjectVersion latest = n == 0 ? null : loaded.versions().get(n - 1);
            if (!fresh && from.get() != null && to.get() != null && loaded.versions().contains(from.get())
                    && loaded.versions().contains(to.get())) {
                return;
            }
            to.set(null);
            from.set(n >= 2 ? loaded.versions().get(n - 2) : latest);
            to.set(latest);
            if (fresh) {
                candidate.set(latest == null ? "" : latest.schema());
                verdict.set(Verdict.NONE);
                verdictText.set("");
                checkDetails.clear();
            }
        });
    }

    private void showDiff() {
        SubjectVersion a = from.get();
        SubjectVersion b = to.get();
        shownSchema.set(b == null ? "" : b.schema());
        if (a == null || b == null) {
            diff.clear();
            diffTitle.set("");
            return;
        }
        List<String> lines = b.changesSince(a);
        diff.setAll(lines);
        String between = "Version " + a.version() + " → version " + b.version();
        diffTitle.set(a.version() == b.version() ? (versions.size() == 1 ? "The only version: nothing to compare" : "The same version")
                : lines.isEmpty() ? between + ": no field changes" : between + ": " + lines.size() + (lines.size() == 1 ? " change" : " changes"));
    }

    /** Tests the candidate against the selected subject; registers nothing. */
    public void check() {
        String subject = selectedSubject.get();
        if (registry == null || subject == null) {
            return;
        }
        long mine = selection;
        String text = candidate.get();
        verdict.set(Verdict.CHECKING);
        verdictText.set("Checking against " + subject + " …");
        checkDetails.clear();
        SchemaRegistry r = registry;
        run(() -> r.check(subject, text), result -> {
            if (mine != selection) {
                return;
            }
            verdict.set(result.compatible() ? Verdict.COMPATIBLE : Verdict.INCOMPATIBLE);
            verdictText.set(result.summary());
            checkDetails.setAll(details(result));
        });
    }

    /** A captured table's value schema: what people open first, rather than internal subjects such as heartbeats. */
    static boolean isTableValue(String subject) {
        return subject.endsWith("-value") && !subject.startsWith("_") && !subject.contains(".transaction-") && !subject.contains(".outbox.");
    }

    static List<String> details(SchemaCheck result) {
        List<String> lines = new ArrayList<>();
        result.problems().forEach(p -> lines.add("✗ " + p));
        if (!result.changes().isEmpty()) {
            lines.add("Changes from the latest version:");
            result.changes().forEach(c -> lines.add("   " + c));
        }
        if (result.registryCompatible() != null) {
            lines.add("The registry's own test: " + (result.registryCompatible() ? "compatible" : "incompatible"));
        }
        result.registryMessages().forEach(m -> lines.add("   " + m));
        return lines;
    }

    private <T> void run(Supplier<T> call, Consumer<T> apply) {
        background.execute(() -> {
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                fx.accept(() -> {
                    status.set("The schema registry did not answer: " + e.getMessage());
                    if (verdict.get() == Verdict.CHECKING) {
                        verdict.set(Verdict.NONE);
                        verdictText.set("The check could not run: " + e.getMessage());
                    }
                });
                return;
            }
            fx.accept(() -> apply.accept(result));
        });
    }
}
