package io.driftwatch.app.regions;

import io.driftwatch.app.common.Labels;
import io.driftwatch.app.common.TextColumns;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.ReplicationLag;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The regions screen: a card per region (its PostgreSQL and Kafka up or down, primary or not,
 * processing or standby), the fail-over and fail-back buttons (each asks for confirmation, then
 * shows progress while the move runs in the background), MirrorMaker 2's lag per direction and
 * per partition, and the figures of every recorded move.
 */
public final class RegionsView {
    /** The confirmation's button that makes the move. */
    static final ButtonType MOVE = new ButtonType("Move processing", ButtonBar.ButtonData.OK_DONE);

    private final VBox root;
    private final RegionsViewModel model;

    public RegionsView(RegionsViewModel model) {
        this.model = model;
        Label title = new Label(Screen.REGIONS.title());
        title.getStyleClass().add("screen-title");
        Label status = Labels.wrapping("regions-status", "muted", model.statusProperty());

        HBox cards = new HBox(12);
        cards.setId("region-cards");
        Runnable redraw = () -> cards.getChildren().setAll(model.regions().stream().map(RegionsView::card).toList());
        model.regions().addListener((ListChangeListener<RegionRow>) c -> redraw.run());
        redraw.run();

        Button failover = new Button();
        failover.setId("failover");
        failover.textProperty().bind(model.failoverTargetProperty().map(t -> t.isEmpty() ? "Fail over…" : "Fail over to " + t + "…"));
        failover.disableProperty().bind(model.canFailoverProperty().not());
        failover.setOnAction(e -> confirmThen(RegionsViewModel.Move.FAILOVER));
        Button failback = new Button("Fail back to the primary…");
        failback.setId("failback");
        failback.disableProperty().bind(model.canFailbackProperty().not());
        failback.setOnAction(e -> confirmThen(RegionsViewModel.Move.FAILBACK));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("move-progress");
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(model.busyProperty());
        Label progress = new Label();
        progress.setId("move-progress-text");
        progress.textProperty().bind(model.progressProperty());
        Label result = Labels.outcome("move-result", model.resultProperty(), model.resultFailedProperty());
        HBox buttons = new HBox(8, failover, failback, spinner, progress);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label refused = Labels.wrapping("moves-refused", "muted", model.commandRefusalProperty());
        refused.visibleProperty().bind(model.commandRefusalProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        VBox actions = new VBox(6, buttons, refused, result);
        HBox.setHgrow(actions, Priority.ALWAYS);
        HBox top = new HBox(16, cards, actions);
        top.setAlignment(Pos.CENTER_LEFT);

        Label replicationTitle = new Label("Replication (MirrorMaker 2)");
        replicationTitle.getStyleClass().add("section-title");
        Label mirror = Labels.wrapping("mirror-state", null, model.mirrorProperty());
        TableView<ReplicationDirection> directions = new TableView<>(model.directions());
        directions.setId("replication-directions");
        directions.setPlaceholder(new Label("No replication measured."));
        directions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        directions.getColumns().add(TextColumns.of("Direction", 170, ReplicationDirection::direction));
        directions.getColumns().add(TextColumns.of("Partitions", 70, d -> Integer.toString(d.partitions())));
        directions.getColumns().add(TextColumns.of("Records behind", 100, d -> Long.toString(d.totalRecords())));
        directions.getColumns().add(TextColumns.of("Worst behind (time)", 130, d -> d.worstMillis() < 0 ? "nothing copied yet"
                : d.worstMillis() + " ms"));
        directions.getColumns().add(TextColumns.of("Worst partition", 300, d -> d.worstPartition() + ": " + d.worstRecords() + " records"));
        directions.setPrefHeight(86);
        directions.setMinHeight(86);

        TableView<ReplicationLag> partitions = new TableView<>(model.partitions());
        partitions.setId("replication-partitions");
        partitions.setPlaceholder(new Label("No partition measured."));
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        partitions.getColumns().add(TextColumns.of("Direction", 170, l -> l.fromRegion() + " → " + l.toRegion()));
        partitions.getColumns().add(TextColumns.of("Topic", 280, ReplicationLag::topic));
        partitions.getColumns().add(TextColumns.of("Partition", 65, l -> Integer.toString(l.partition())));
        partitions.getColumns().add(TextColumns.of("Source end", 90, l -> Long.toString(l.sourceEnd())));
        partitions.getColumns().add(TextColumns.of("Copy end", 90, l -> Long.toString(l.copyEnd())));
        partitions.getColumns().add(TextColumns.of("Records behind", 100, l -> Long.toString(l.lagRecords())));
        partitions.getColumns().add(TextColumns.of("Time behind", 90, l -> l.lagMillis() < 0 ? "no copy yet" : l.lagMillis() + " ms"));
        partitions.setMinHeight(120);
        VBox.setVgrow(partitions, Priority.ALWAYS);

        Label figuresTitle = new Label("Failover figures");
        figuresTitle.getStyleClass().add("section-title");
        TableView<FailoverFigures> figures = new TableView<>(model.figures());
        figures.setId("failover-figures");
        figures.setPlaceholder(new Label("No move recorded yet."));
        figures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        figures.getColumns().add(TextColumns.of("When", 110, RegionsViewModel::at));
        figures.getColumns().add(TextColumns.of("Move", 200, f -> f.kind() + " " + f.from() + " → " + f.to()));
        figures.getColumns().add(TextColumns.of("Trigger", 70, FailoverFigures::trigger));
        figures.getColumns().add(TextColumns.of("Detection", 80, f -> RegionsViewModel.seconds(f.detectionMillis())));
        figures.getColumns().add(TextColumns.of("RTO", 60, f -> RegionsViewModel.seconds(f.rtoMillis())));
        figures.getColumns().add(TextColumns.of("Pending at the move", 240, RegionsViewModel::pending));
        figures.getColumns().add(TextColumns.of("Duplicates", 85, f -> Long.toString(f.duplicatesAbsorbed())));
        figures.getColumns().add(TextColumns.of("Partitions placed by", 260, RegionsViewModel::placements));
        figures.getColumns().add(TextColumns.of("Copies at the move", 260, f -> f.incompleteCopies() == null ? "complete" : f.incompleteCopies()));
        figures.setPrefHeight(140);
        figures.setMinHeight(100);

        root = new VBox(8, title, status, top, replicationTitle, mirror, directions, partitions, figuresTitle, figures);
        root.getStyleClass().addAll("screen", "regions-screen");
    }

    private static Node card(RegionRow row) {
        Label name = new Label(row.region());
        name.getStyleClass().add("section-title");
        Label role = new Label(row.role());
        role.getStyleClass().add("muted");
        VBox card = new VBox(2, name, role, server("PostgreSQL", row.postgresUp()), server("Kafka", row.kafkaUp()));
        card.setId("region-" + row.region());
        card.getStyleClass().add("region-card");
        if (row.active()) {
            card.getStyleClass().add("region-active");
        }
        if (!row.up()) {
            card.getStyleClass().add("region-down");
        }
        card.setMinWidth(180);
        return card;
    }

    private static Node server(String what, Boolean up) {
        Label state = new Label(up == null ? "none" : up ? "up" : "down");
        state.getStyleClass().add(Boolean.TRUE.equals(up) ? "state-up" : "state-down");
        HBox line = new HBox(6, new Label(what), state);
        return line;
    }

    /**
     * Asks before a move: it pauses the views and cannot be undone except by another move. The
     * dialog's nested event loop keeps the window responsive; the move itself runs in the background.
     */
    private void confirmThen(RegionsViewModel.Move move) {
        Optional<String> question = model.confirmation(move);
        if (question.isEmpty()) {
            model.move(move); // refused: the view-model says why
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, question.get(), MOVE, ButtonType.CANCEL);
        confirm.setTitle(move == RegionsViewModel.Move.FAILOVER ? "Fail over" : "Fail back");
        confirm.setHeaderText(move == RegionsViewModel.Move.FAILOVER ? "Fail over to " + model.failoverTargetProperty().get() + "?"
                : "Fail back to the primary region?");
        if (root.getScene() != null) {
            confirm.initOwner(root.getScene().getWindow());
            confirm.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        }
        confirm.getDialogPane().setId("move-confirmation");
        if (confirm.showAndWait().filter(MOVE::equals).isPresent()) {
            model.move(move);
        }
    }

    public Node root() {
        return root;
    }
}
