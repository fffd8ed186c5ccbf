package io.driftwatch.app.pipeline;

import io.driftwatch.app.shell.Screen;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import java.util.function.Function;

/** The pipeline screen: for now, the servers of the stack and whether each answers. */
public final class PipelineView {
    private final VBox root;

    public PipelineView(PipelineViewModel model) {
        Label title = new Label(Screen.PIPELINE.title());
        title.getStyleClass().add("screen-title");
        Label summary = new Label();
        summary.setId("pipeline-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        TableView<ServerRow> table = new TableView<>(model.servers());
        table.setId("servers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Server", ServerRow::name));
        table.getColumns().add(column("Region", ServerRow::region));
        table.getColumns().add(column("PID", r -> r.pid() > 0 ? Long.toString(r.pid()) : "-"));
        table.getColumns().add(column("Port", r -> Integer.toString(r.port())));
        TableColumn<ServerRow, String> state = column("State", r -> r.up() ? "up" : "down");
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
        table.getColumns().add(column("Data", ServerRow::data));
        table.setPlaceholder(new Label("No servers yet."));

        Label processing = new Label();
        processing.setId("pipeline-processing");
        processing.setWrapText(true);
        processing.textProperty().bind(model.processingProperty());

        Label note = new Label("Per-stage throughput and latency over time are not drawn yet: the lines above are read from the running "
                + "capture, the workload, the consistent views and Flink's REST API.");
        note.getStyleClass().add("unavailable");
        root = new VBox(12, title, summary, processing, table, note);
        root.getStyleClass().add("screen");
    }

    private static TableColumn<ServerRow, String> column(String title, Function<ServerRow, String> value) {
        TableColumn<ServerRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    public Node root() {
        return root;
    }
}
