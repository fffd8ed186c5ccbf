package io.driftwatch.app.conflicts;

import io.driftwatch.app.common.Labels;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.ConflictDesk.OpenConflict;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The conflicts screen: the open conflicts on the left (with a filter); on the right the selected
 * one's sides, a diagram of their version vectors with the counters that differ highlighted, the
 * automatic merge and why it needs an operator, then the decision (keep a side, enter a value,
 * accept the merge), each with the operator's reason. The audit trail runs along the bottom.
 */
public final class ConflictsView {
    private final VBox root;

    public ConflictsView(ConflictsViewModel model) {
        Label title = new Label(Screen.CONFLICTS.title());
        title.getStyleClass().add("screen-title");
        Label status = new Label();
        status.setId("conflicts-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        model.mergingProperty().addListener((obs, old, now) -> status.getStyleClass().setAll(now ? "muted" : "unavailable"));
        status.getStyleClass().add("unavailable");

        TextField filter = new TextField();
        filter.setId("conflict-filter");
        filter.setPromptText("Filter by table, key, column, kind or region");
        filter.textProperty().bindBidirectional(model.filterProperty());
        TableView<OpenConflict> list = new TableView<>(model.shown());
        list.setId("conflicts");
        list.setPlaceholder(new Label("No open conflicts."));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Short forms in the list (the heading of the selected conflict says each in full).
        list.getColumns().add(column("Table", 95, c -> ConflictsViewModel.tableShort(c.table())));
        list.getColumns().add(column("Key", 95, c -> ConflictsViewModel.keyShort(c.key())));
        list.getColumns().add(column("Column", 75, OpenConflict::column));
        list.getColumns().add(column("Kind", 125, c -> ConflictsViewModel.kindShort(c.kind())));
        list.getColumns().add(column("Detected", 125, ConflictsViewModel::detected));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && (model.selectedProperty().get() == null || !now.id().equals(model.selectedProperty().get().id()))) {
                model.select(now.id());
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            OpenConflict shown = list.getSelectionModel().getSelectedItem();
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (shown == null || !shown.id().equals(now.id())) {
                model.shown().stream().filter(c -> c.id().equals(now.id())).findFirst().ifPresent(list.getSelectionModel()::select);
            }
        });
        VBox left = new VBox(8, filter, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPrefWidth(560);
        left.setMinWidth(360);

        Label heading = new Label();
        heading.setId("conflict-heading");
        heading.getStyleClass().add("section-title");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        heading.textProperty().bind(model.headingProperty());
        GridPane sides = new GridPane();
        sides.setId("conflict-sides");
        sides.setHgap(12);
        sides.setVgap(4);
        GridPane diagram = new GridPane();
        diagram.setId("vector-diagram");
        diagram.setHgap(2);
        diagram.setVgap(2);
        Label divergence = new Label();
        divergence.setId("divergence");
        divergence.setWrapText(true);
        divergence.setMinHeight(Region.USE_PREF_SIZE);
        divergence.getStyleClass().add("muted");
        Label merged = new Label();
        merged.setId("conflict-merged");
        merged.setWrapText(true);
        merged.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : "Automatic merge: " + model.mergedProperty().get(), model.selectedProperty(), model.mergedProperty()));
        Label why = new Label();
        why.setId("conflict-reason");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        why.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : "Why: " + model.whyProperty().get(), model.selectedProperty(), model.whyProperty()));

        HBox keep = new HBox(8);
        keep.setId("keep-buttons");
        keep.setAlignment(Pos.CENTER_LEFT);
        Runnable redraw = () -> {
            drawSides(sides, model);
            drawDiagram(diagram, model.diagramProperty().get());
            divergence.setText(model.diagramProperty().get().divergence());
            keep.getChildren().clear();
            for (ConflictsViewModel.SideRow side : model.sides()) {
                Button b = new Button("Keep side " + (side.index() + 1) + " (" + side.region() + ": " + side.value() + ")");
                b.setId("keep-side-" + (side.index() + 1));
                b.setOnAction(e -> model.keepSide(side.index()));
                b.disableProperty().bind(model.canKeepSideProperty().not().or(model.busyProperty())
                        .or(model.commandRefusalProperty().isNotEmpty()));
                keep.getChildren().add(b);
            }
        };
        model.sides().addListener((ListChangeListener<ConflictsViewModel.SideRow>) c -> redraw.run());
        model.diagramProperty().addListener((obs, old, now) -> redraw.run());
        redraw.run();

        Label operator = new Label();
        operator.setId("operator");
        operator.textProperty().bind(Bindings.concat("Deciding as ", model.operatorProperty()));
        TextField reason = new TextField();
        reason.setId("decision-reason");
        reason.setPromptText("Why? (required, goes into the audit trail)");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Label reasonLabel = new Label("Reason");
        reasonLabel.setLabelFor(reason);
        reasonLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox reasonRow = new HBox(8, reasonLabel, reason);
        reasonRow.setAlignment(Pos.CENTER_LEFT);
        TextField value = new TextField();
        value.setId("entered-value");
        value.setPromptText("value, e.g. 6.50 or \"text\"");
        value.textProperty().bindBidirectional(model.enteredValueProperty());
        value.setPrefWidth(160);
        Button enter = new Button("Set this _value");
        enter.setId("enter-value");
        enter.setOnAction(e -> model.enterValue());
        Button accept = new Button("_Accept the merge");
        accept.setId("accept-merge");
        accept.setOnAction(e -> model.acceptMerge());
        for (Button b : new Button[] {enter, accept}) {
            b.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty()).or(model.commandRefusalProperty().isNotEmpty()));
        }
        HBox valueRow = new HBox(8, value, enter, accept);
        valueRow.setAlignment(Pos.CENTER_LEFT);
        Label result = Labels.outcome("decision-result", model.resultProperty(), model.resultFailedProperty());
        Label decide = new Label("Decide");
        decide.getStyleClass().add("section-title");
        Label vectors = new Label("Version vectors (changes seen per region)");
        vectors.getStyleClass().add("section-title");
        Label refused = Labels.wrapping("decisions-refused", "muted", model.commandRefusalProperty());
        refused.visibleProperty().bind(model.commandRefusalProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        VBox right = new VBox(8, heading, sides, vectors, diagram, divergence, merged, why, decide, refused, operator, reasonRow, keep,
                valueRow, result);
        right.setPrefWidth(520);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox middle = new HBox(16, left, right);
        VBox.setVgrow(middle, Priority.ALWAYS);

        Label auditTitle = new Label("Audit trail");
        auditTitle.getStyleClass().add("section-title");
        TableView<ConflictDesk.AuditRecord> audit = new TableView<>(model.audit());
        audit.setId("audit");
        audit.setPlaceholder(new Label("No decisions yet."));
        audit.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        audit.getColumns().add(column("When", 140, ConflictsViewModel::at));
        audit.getColumns().add(column("Who", 90, ConflictDesk.AuditRecord::operator));
        audit.getColumns().add(column("Conflict", 220, r -> r.table() + " " + r.key() + " " + r.column()));
        audit.getColumns().add(column("Decision", 150, ConflictDesk.AuditRecord::decision));
        audit.getColumns().add(column("Value", 80, ConflictDesk.AuditRecord::value));
        audit.getColumns().add(column("Why", 300, ConflictDesk.AuditRecord::reason));
        audit.setPrefHeight(180);
        audit.setMinHeight(120);

        root = new VBox(8, title, status, middle, auditTitle, audit);
        root.getStyleClass().addAll("screen", "conflicts-screen");
    }

    private static void drawSides(GridPane grid, ConflictsViewModel model) {
        grid.getChildren().clear();
        if (model.sides().isEmpty()) {
            return;
        }
        String[] heads = {"Side", "Region", "Value", "Clock"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("muted");
            grid.add(h, c, 0);
        }
        int row = 1;
        for (ConflictsViewModel.SideRow s : model.sides()) {
            grid.add(new Label(Integer.toString(s.index() + 1)), 0, row);
            grid.add(new Label(s.region()), 1, row);
            Label value = new Label(s.value());
            value.setId("side-value-" + (s.index() + 1));
            grid.add(value, 2, row);
            grid.add(new Label(s.clock()), 3, row);
            row++;
        }
    }

    private static void drawDiagram(GridPane grid, VectorDiagram diagram) {
        grid.getChildren().clear();
        if (diagram.rows().isEmpty()) {
            return;
        }
        for (int c = 0; c < diagram.regions().size(); c++) {
            Label h = new Label(diagram.regions().get(c));
            h.getStyleClass().addAll("muted", "vector-head");
            h.setMinWidth(90);
            h.setAlignment(Pos.CENTER);
            grid.add(h, c + 1, 0);
        }
        int r = 1;
        for (VectorDiagram.Row row : diagram.rows()) {
            grid.add(new Label(row.side()), 0, r);
            int c = 1;
            for (VectorDiagram.Cell cell : row.cells()) {
                Label l = new Label(Long.toString(cell.count()));
                l.getStyleClass().add("vector-cell");
                if (cell.differs()) {
                    l.getStyleClass().add(cell.ahead() ? "vector-ahead" : "vector-behind");
                }
                l.setMinWidth(90);
                l.setAlignment(Pos.CENTER);
                grid.add(l, c++, r);
            }
            r++;
        }
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public Node root() {
        return root;
    }
}
