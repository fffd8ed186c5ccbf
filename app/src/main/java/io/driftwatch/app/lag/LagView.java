package io.driftwatch.app.lag;

import io.driftwatch.app.shell.Screen;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import io.driftwatch.app.common.Labels;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.List;

/**
 * The lag screen: the worst lag on top, every lag of every stage in a table (amber and red rows
 * coloured, the worst one marked), the alerts beside it, and below, each stage over the last
 * minutes per region and the history of the selected lag.
 */
public final class LagView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String[] LEVEL_CLASSES = {"lag-ok", "lag-amber", "lag-red"};

    private final LagViewModel model;
    private final VBox root;
    private final TableView<LagRow> table;
    /** The lag the user selected, kept across probes (each probe replaces the rows, which clears the table's selection). */
    private String selectedKey;

    /**
     * Asks before a re-snapshot: capture reads every table of the region again. The dialog's
     * nested event loop keeps the window responsive; the engine's work runs in the background.
     */
    private void confirmResnapshot() {
        List<String> regions = List.copyOf(model.lostSlots());
        if (regions.isEmpty()) {
            return;
        }
        String region = regions.get(0);
        if (regions.size() > 1) {
            javafx.scene.control.ChoiceDialog<String> which = new javafx.scene.control.ChoiceDialog<>(region, regions);
            which.setHeaderText("Which region's lost slot?");
            java.util.Optional<String> chosen = which.showAndWait();
            if (chosen.isEmpty()) {
                return;
            }
            region = chosen.get();
        }
        javafx.scene.control.ButtonType go = new javafx.scene.control.ButtonType("Re-snapshot", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "PostgreSQL invalidated the replication slot of " + region + ": the changes committed since capture last read are gone "
                        + "from the WAL. The engine will clear the region's capture offsets and drop the slot; capture then reads every "
                        + "table of " + region + " again and writes only what changed, so nothing is counted twice.",
                go, javafx.scene.control.ButtonType.CANCEL);
        confirm.setTitle("Re-snapshot");
        confirm.setHeaderText("Re-snapshot " + region + "?");
        if (root.getScene() != null) {
            confirm.initOwner(root.getScene().getWindow());
            confirm.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        }
        confirm.getDialogPane().setId("resnapshot-confirmation");
        String chosenRegion = region;
        if (confirm.showAndWait().filter(go::equals).isPresent()) {
            model.resnapshot(chosenRegion);
        }
    }

    /** A wrapping list cell with {@code text} of its item, coloured by its item's {@code level}. */
    private static <T> ListCell<T> levelCell(java.util.function.Function<T, String> text, java.util.function.Function<T, LagLevel> level) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(LEVEL_CLASSES);
                setWrapText(true);
                setPrefWidth(0);
                if (empty || item == null) {
                    setText(null);
                } else {
                    setText(text.apply(item));
                    getStyleClass().add(LEVEL_CLASSES[level.apply(item).ordinal()]);
                }
            }
        };
    }

    public LagView(LagViewModel model) {
        this.model = model;
        Label title = new Label(Screen.LAG.title());
        title.getStyleClass().add("screen-title");

        Label worst = new Label();
        worst.setId("lag-worst");
        worst.setWrapText(true);
        worst.getStyleClass().add("lag-headline");
        worst.textProperty().bind(model.worstProperty());
        levelClass(worst, model.worstLevelProperty().get());
        model.worstLevelProperty().addListener((obs, old, now) -> levelClass(worst, now));

        Label thresholds = new Label(model.thresholds().describe() + ". Kafka lag: records past the offsets the processing job "
                + "committed to its consumer group at its last checkpoint.");
        thresholds.setId("lag-thresholds");
        thresholds.getStyleClass().add("muted");
        thresholds.setWrapText(true);
        thresholds.setMinHeight(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("lag-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);
        worst.setMinHeight(Region.USE_PREF_SIZE);

        table = new TableView<>(model.rows());
        table.setId("lag-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Stage", 155, r -> r.stage().title()));
        table.getColumns().add(column("Region", 80, LagRow::region));
        table.getColumns().add(column("What", 255, LagRow::subject));
        table.getColumns().add(column("Lag", 115, LagRow::shown));
        table.getColumns().add(column("Level", 85, r -> r.level().word() + (r.worst() ? " ◀" : "")));
        table.setPlaceholder(new Label("No lag measured yet: the pipeline is starting."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LagRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("lag-row-amber", "lag-row-red", "lag-row-worst");
                if (!empty && row != null) {
                    if (row.level() != LagLevel.OK) {
                        getStyleClass().add("lag-row-" + row.level().word());
                    }
                    if (row.worst()) {
                        getStyleClass().add("lag-row-worst");
                    }
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                selectedKey = now.key();
                model.select(now.key());
            }
        });
        model.rows().addListener((ListChangeListener<LagRow>) change -> {
            if (selectedKey != null) {
                model.rows().stream().filter(r -> r.key().equals(selectedKey)).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        });

        ListView<LagAlert> alerts = new ListView<>(model.alerts());
        alerts.setId("lag-alerts");
        alerts.setPlaceholder(new Label("No threshold crossed."));
        alerts.setCellFactory(list -> levelCell(alert -> CLOCK.format(alert.at()) + "  " + alert.text(), LagAlert::level));
        Label alertsTitle = new Label("Alerts");
        alertsTitle.getStyleClass().add("section-title");
        ListView<io.driftwatch.engine.api.EngineAlert> firing = new ListView<>(model.engineAlerts());
        firing.setId("engine-alerts");
        Label firingNone = new Label();
        firingNone.setWrapText(true);
        firingNone.textProperty().bind(model.engineAlertsNote());
        firing.setPlaceholder(firingNone);
        firing.setPrefHeight(110);
        firing.setMinHeight(80);
        firing.setCellFactory(list -> levelCell(alert -> alert.rule() + ": " + alert.summary() + " (since "
                + CLOCK.format(java.time.Instant.ofEpochMilli(alert.sinceMs())) + ")", alert -> LagLevel.RED));
        Label firingTitle = new Label("Firing in the engine");
        firingTitle.getStyleClass().add("section-title");
        javafx.scene.control.Button resnapshot = new javafx.scene.control.Button();
        resnapshot.setId("lag-resnapshot");
        resnapshot.setWrapText(true);
        resnapshot.setMaxWidth(Double.MAX_VALUE);
        resnapshot.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Re-snapshot " + String.join(", ", model.lostSlots())
                + " (slot lost)…", model.lostSlots()));
        resnapshot.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.lostSlots()));
        resnapshot.managedProperty().bind(resnapshot.visibleProperty());
        resnapshot.disableProperty().bind(model.canResnapshot().not());
        resnapshot.setOnAction(e -> confirmResnapshot());
        Label resnapshotRefused = Labels.wrapping("resnapshot-refused", "muted", model.commandRefusalProperty());
        resnapshotRefused.visibleProperty().bind(resnapshot.visibleProperty().and(model.commandRefusalProperty().isNotEmpty()));
        resnapshotRefused.managedProperty().bind(resnapshotRefused.visibleProperty());
        VBox alertBox = new VBox(4, resnapshot, resnapshotRefused, firingTitle, firing, alertsTitle, alerts);
        VBox.setVgrow(alerts, Priority.ALWAYS);
        alertBox.setPrefWidth(340);
        alertBox.setMinWidth(280);

        HBox middle = new HBox(12, table, alertBox);
        HBox.setHgrow(table, Priority.ALWAYS);
        VBox.setVgrow(middle, Priority.ALWAYS);

        GridPane charts = new GridPane();
        charts.setId("lag-charts");
        charts.setHgap(8);
        int column = 0;
        for (LagStage stage : LagStage.values()) {
            charts.add(chart("lag-chart-" + stage.name().toLowerCase(), stage.title() + " (" + stage.chartUnit() + ")",
                    model.stageChart(stage), true), column++, 0);
        }
        LineChart<Number, Number> selected = chart("lag-chart-selected", "", model.selectedChart(), false);
        selected.titleProperty().bind(model.selectedTitleProperty());
        charts.add(selected, column, 0);
        for (int i = 0; i < 4; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(25);
            charts.getColumnConstraints().add(c);
        }
        charts.setPrefHeight(230);
        charts.setMinHeight(200);

        root = new VBox(8, title, worst, thresholds, status, middle, charts);
        root.getStyleClass().addAll("screen", "lag-screen");
    }

    private static void levelClass(Label label, LagLevel level) {
        label.getStyleClass().removeAll(LEVEL_CLASSES);
        label.getStyleClass().add(LEVEL_CLASSES[level.ordinal()]);
    }

    private static LineChart<Number, Number> chart(String id, String title, ObservableList<LagSeries> source, boolean legend) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds ago");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(legend);
        chart.getStyleClass().add("lag-chart");
        chart.setMinWidth(0);
        Runnable redraw = () -> {
            chart.getData().clear();
            for (LagSeries s : source) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(s.name());
                for (LagSeries.Point p : s.points()) {
                    series.getData().add(new XYChart.Data<>(p.secondsAgo(), p.value()));
                }
                chart.getData().add(series);
            }
        };
        source.addListener((ListChangeListener<LagSeries>) change -> redraw.run());
        redraw.run();
        return chart;
    }

    private static TableColumn<LagRow, String> column(String title, double width, Function<LagRow, String> value) {
        TableColumn<LagRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public Node root() {
        return root;
    }
}
