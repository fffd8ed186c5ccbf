package io.driftwatch.app.schemas;

import io.driftwatch.app.shell.Screen;
import io.driftwatch.engine.api.SubjectVersion;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The schemas screen: the registry's subjects on the left (with a filter); on the right the
 * selected subject's level, a diff between any two of its versions beside the newer version's
 * schema, and a box to test a new schema against the subject before it ships, with each
 * incompatibility in plain words. Ctrl+Enter in the box runs the check.
 */
public final class SchemasView {
    private static final String[] VERDICT_CLASSES = {"verdict-none", "verdict-checking", "verdict-ok", "verdict-bad"};
    private final HBox root;

    public SchemasView(SchemasViewModel model) {
        Label title = new Label(Screen.SCHEMAS.title());
        title.getStyleClass().add("screen-title");

        TextField filter = new TextField();
        filter.setId("subject-filter");
        filter.setPromptText("Filter subjects");
        FilteredList<String> shown = new FilteredList<>(model.subjects());
        filter.textProperty().addListener((obs, old, now) -> shown.setPredicate(s -> now == null || now.isBlank()
                || s.toLowerCase().contains(now.trim().toLowerCase())));
        ListView<String> subjects = new ListView<>(shown);
        subjects.setId("subjects");
        subjects.setPlaceholder(new Label("No subjects yet."));
        subjects.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(model.selectedSubjectProperty().get())) {
                model.select(now);
            }
        });
        model.selectedSubjectProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(subjects.getSelectionModel().getSelectedItem())) {
                subjects.getSelectionModel().select(now);
            }
        });
        Button refresh = new Button("_Refresh");
        refresh.setId("refresh-subjects");
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.connectedProperty().not());
        Label status = new Label();
        status.setId("schemas-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        VBox left = new VBox(8, title, filter, subjects, new HBox(8, refresh), status);
        VBox.setVgrow(subjects, Priority.ALWAYS);
        left.setPrefWidth(300);
        left.setMinWidth(240);

        Label subject = new Label();
        subject.setId("subject-name");
        subject.getStyleClass().add("section-title");
        subject.textProperty().bind(Bindings.createStringBinding(() -> model.selectedSubjectProperty().get() == null
                ? "No subject selected" : model.selectedSubjectProperty().get(), model.selectedSubjectProperty()));
        Label level = new Label();
        level.setId("subject-level");
        level.setWrapText(true);
        level.textProperty().bind(Bindings.concat("Compatibility level ", model.levelProperty()));
        level.visibleProperty().bind(model.levelProperty().isNotEmpty());
        level.setMinHeight(Region.USE_PREF_SIZE);

        ComboBox<SubjectVersion> from = versionBox("diff-from", model);
        from.valueProperty().bindBidirectional(model.fromProperty());
        ComboBox<SubjectVersion> to = versionBox("diff-to", model);
        to.valueProperty().bindBidirectional(model.toProperty());
        Label compare = new Label("Compare");
        compare.setLabelFor(from);
        compare.setMinWidth(Region.USE_PREF_SIZE);
        Label with = new Label("with");
        with.setMinWidth(Region.USE_PREF_SIZE);
        from.setMinWidth(170);
        to.setMinWidth(170);
        Label diffTitle = new Label();
        diffTitle.setId("diff-title");
        diffTitle.getStyleClass().add("muted");
        diffTitle.textProperty().bind(model.diffTitleProperty());
        HBox pick = new HBox(8, compare, from, with, to, diffTitle);
        pick.setAlignment(Pos.CENTER_LEFT);
        ListView<String> diff = new ListView<>(model.diff());
        diff.setId("diff");
        diff.setPlaceholder(new Label("No changes between these versions."));
        diff.setCellFactory(list -> new DiffCell(false));
        Label diffLabel = new Label("Changes");
        VBox diffBox = new VBox(6, diffLabel, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        TextArea schema = new TextArea();
        schema.setId("version-schema");
        schema.setEditable(false);
        schema.getStyleClass().add("code");
        schema.textProperty().bind(model.shownSchemaProperty());
        Label schemaTitle = new Label();
        schemaTitle.textProperty().bind(Bindings.createStringBinding(() -> model.toProperty().get() == null ? "Schema"
                : "Schema of version " + model.toProperty().get().version() + " (id " + model.toProperty().get().id() + ")",
                model.toProperty()));
        VBox schemaBox = new VBox(6, schemaTitle, schema);
        VBox.setVgrow(schema, Priority.ALWAYS);
        HBox history = new HBox(12, diffBox, schemaBox);
        HBox.setHgrow(diffBox, Priority.ALWAYS);
        HBox.setHgrow(schemaBox, Priority.ALWAYS);
        diffBox.setPrefWidth(360);
        schemaBox.setPrefWidth(360);
        VBox.setVgrow(history, Priority.ALWAYS);

        Label testTitle = new Label("Test a new schema against this subject before it ships");
        testTitle.getStyleClass().add("section-title");
        TextArea candidate = new TextArea();
        candidate.setId("candidate");
        candidate.getStyleClass().add("code");
        candidate.setPromptText("Paste or edit an Avro schema (JSON), then Check (Ctrl+Enter)");
        candidate.textProperty().bindBidirectional(model.candidateProperty());
        candidate.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                model.check();
                e.consume();
            }
        });
        Button check = new Button("_Check compatibility");
        check.setId("check");
        check.setOnAction(e -> model.check());
        check.disableProperty().bind(model.selectedSubjectProperty().isNull().or(model.verdictProperty().isEqualTo(Verdict.CHECKING)));
        Label verdict = new Label();
        verdict.setId("verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictTextProperty());
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        model.verdictProperty().addListener((obs, old, now) -> {
            verdict.getStyleClass().removeAll(VERDICT_CLASSES);
            verdict.getStyleClass().add(VERDICT_CLASSES[now.ordinal()]);
        });
        ListView<String> details = new ListView<>(model.checkDetails());
        details.setId("check-details");
        details.setPlaceholder(new Label("Each incompatibility will be listed here in plain words."));
        details.setCellFactory(list -> new DiffCell(true));
        VBox result = new VBox(6, check, verdict, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        HBox test = new HBox(12, candidate, result);
        HBox.setHgrow(candidate, Priority.ALWAYS);
        HBox.setHgrow(result, Priority.ALWAYS);
        candidate.setPrefWidth(360);
        result.setPrefWidth(360);
        VBox.setVgrow(test, Priority.ALWAYS);

        VBox right = new VBox(8, subject, level, pick, history, testTitle, test);
        HBox.setHgrow(right, Priority.ALWAYS);
        root = new HBox(16, left, right);
        root.getStyleClass().addAll("screen", "schemas-screen");
    }

    private static ComboBox<SubjectVersion> versionBox(String id, SchemasViewModel model) {
        ComboBox<SubjectVersion> box = new ComboBox<>(model.versions());
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(SubjectVersion v) {
                return v == null ? "" : "version " + v.version() + " (id " + v.id() + ")";
            }

            @Override
            public SubjectVersion fromString(String text) {
                return null;
            }
        });
        return box;
    }

    /** Colours a line by its first character: {@code +} added, {@code -} removed, {@code ~} changed, {@code ✗} a problem. */
    static final class DiffCell extends ListCell<String> {
        private static final String[] CLASSES = {"diff-added", "diff-removed", "diff-changed", "diff-problem"};

        /** @param wrap long lines (a whole incompatibility) wrap at the list's width instead of scrolling sideways */
        DiffCell(boolean wrap) {
            if (wrap) {
                setWrapText(true);
                setPrefWidth(0);
            }
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(CLASSES);
            setText(empty ? null : line);
            if (!empty && line != null && !line.isBlank()) {
                switch (line.strip().charAt(0)) {
                    case '+' -> getStyleClass().add("diff-added");
                    case '-' -> getStyleClass().add("diff-removed");
                    case '~' -> getStyleClass().add("diff-changed");
                    case '✗' -> getStyleClass().add("diff-problem");
                    default -> { }
                }
            }
        }
    }

    public Node root() {
        return root;
    }
}
