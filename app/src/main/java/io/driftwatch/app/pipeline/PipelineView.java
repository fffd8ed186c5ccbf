package io.driftwatch.app.pipeline;

import io.driftwatch.app.shell.Screen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The pipeline screen: per region the topology PostgreSQL → capture → Kafka → mirror → Flink →
 * ClickHouse with each stage's health and throughput, commit→visible latency percentiles over the
 * last minutes, the processing job's line, and the servers of the stack.
 */
public final class PipelineView {
    private final VBox root;
    private final GridPane topology = new GridPane();

    public PipelineView(PipelineViewModel model) {
        Label title = new Label(Screen.PIPELINE.title());
        title.getStyleClass().add("screen-title");
        Label summary = wrapped("pipeline-summary");
        summary.textProperty().bind(model.summaryProperty());

        topology.setId("topology");
        topology.setHgap(4);
        topology.setVgap(8);
        model.tiles().addListener((ListChangeListener<StageTile>) change -> drawTopology(model.tiles()));
        drawTopology(model.tiles());
        Label note = wrapped("topology-note");
        note.getStyleClass().add("muted");
        note.textProperty().bind(model.topologyNoteProperty());

        Label processing = wrapped("pipeline-processing");
        processing.textProperty().bind(model.processingProperty());

        LineChart<Number, Number> chart = latencyChart(model);
        TableView<ServerRow> table = servers(model);
        HBox bottom = new HBox(12, chart, table);
        HBox.setHgrow(chart, Priority.ALWAYS);
        table.setPrefWidth(460);
        table.setMinWidth(360);
        VBox.setVgrow(bottom, Priority.ALWAYS);

        root = new VBox(10, title, summary, topology, note, processing, bottom);
        root.getStyleClass().add("screen");
    }

    /** One row per region: its name, then its stages with arrows between them. */
    private void drawTopology(List<StageTile> tiles) {
        topology.getChildren().clear();
        topology.getColumnConstraints().clear();
        if (tiles.isEmpty()) {
            Label none = new Label("No stage measured yet.");
            none.getStyleClass().add("unavailable");
            topology.add(none, 0, 0);
            return;
        }
        ColumnConstraints regionColumn = new ColumnConstraints(86);
        topology.getColumnConstraints().add(regionColumn);
        Map<String, List<StageTile>> byRegion = new LinkedHashMap<>();
        tiles.forEach(t -> byRegion.computeIfAbsent(t.region(), r -> new java.util.ArrayList<>()).add(t));
        int stages = Stage.values().length;
        for (int i = 0; i < stages; i++) {
            ColumnConstraints tileColumn = new ColumnConstraints();
            tileColumn.setHgrow(Priority.ALWAYS);
            tileColumn.setPercentWidth(-1);
            tileColumn.setMinWidth(110);
            tileColumn.setFillWidth(true);
            topology.getColumnConstraints().add(tileColumn);
            if (i < stages - 1) {
                topology.getColumnConstraints().add(new ColumnConstraints(14));
            }
        }
        int row = 0;
        for (Map.Entry<String, List<StageTile>> region : byRegion.entrySet()) {
            Label name = new Label(region.getKey());
            name.getStyleClass().add("region-label");
            name.setWrapText(true);
            topology.add(name, 0, row);
            int column = 1;
            for (StageTile tile : region.getValue()) {
                if (column > 1) {
                    Label arrow = new Label("→");
                    arrow.getStyleClass().add("stage-arrow");
                    topology.add(arrow, column++, row);
                }
                topology.add(tile(tile), column++, row);
            }
            row++;
        }
    }

    private static Node tile(StageTile tile) {
        Label stage = new Label(tile.stage().title());
        stage.getStyleClass().add("stage-title");
        Label rate = new Label(tile.rate());
        rate.getStyleClass().add("stage-rate");
        rate.setId("rate-" + id(tile));
        Label detail = new Label(tile.detail());
        detail.getStyleClass().add("stage-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(2, stage, rate, detail);
        box.setId("stage-" + id(tile));
        box.getStyleClass().addAll("stage-tile", tile.health().styleClass());
        box.setAlignment(Pos.TOP_LEFT);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setMaxHeight(Double.MAX_VALUE);
        box.setPrefWidth(0);
        return box;
    }

    /** {@code us-east-1-kafka}: the id a test or a style sheet finds a tile by. */
    static String id(StageTile tile) {
        return tile.region() + "-" + tile.stage().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static LineChart<Number, Number> latencyChart(PipelineViewModel model) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds ago");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("latency-chart");
        chart.setTitle("Commit → visible latency (each point: the transactions visible in the " + PipelineViewModel.LATENCY_WINDOW.toSeconds()
                + " s before it)");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinWidth(0);
        chart.setMinHeight(180);
        XYChart.Series<Number, Number> p50 = new XYChart.Series<>();
        p50.setName("p50");
        XYChart.Series<Number, Number> p99 = new XYChart.Series<>();
        p99.setName("p99");
        chart.getData().add(p50);
        chart.getData().add(p99);
        Runnable redraw = () -> {
            p50.getData().setAll(model.latency().stream().map(p -> new XYChart.Data<Number, Number>(p.secondsAgo(), p.p50Millis())).toList());
            p99.getData().setAll(model.latency().stream().map(p -> new XYChart.Data<Number, Number>(p.secondsAgo(), p.p99Millis())).toList());
        };
        model.latency().addListener((ListChangeListener<LatencyPoint>) change -> redraw.run());
        redraw.run();
        return chart;
    }

    private static TableView<ServerRow> servers(PipelineViewModel model) {
        TableView<ServerRow> table = new TableView<>(model.servers());
        table.setId("servers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Server", 130, ServerRow::name));
        table.getColumns().add(column("Region", 76, ServerRow::region));
        table.getColumns().add(column("PID", 54, r -> r.pid() > 0 ? Long.toString(r.pid()) : "-"));
        table.getColumns().add(column("Port", 54, r -> Integer.toString(r.port())));
        TableColumn<ServerRow, String> state = column("State", 50, r -> r.up() ? "up" : "down");
        state.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                getStyleClass().removeAll("state-up", "state-down");
                if (!empty && value != null) {
                    getStyleClass().add(value.equals("up") ? "state-up" : "state-down");
                }
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(column("Data", 70, ServerRow::data));
        table.setPlaceholder(new Label("No servers yet."));
        return table;
    }

    private static Label wrapped(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static TableColumn<ServerRow, String> column(String title, double width, Function<ServerRow, String> value) {
        TableColumn<ServerRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public Node root() {
        return root;
    }
}
