package io.driftwatch.app.inventory;

import io.driftwatch.app.common.Labels;
import io.driftwatch.app.common.TextColumns;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.engine.api.InventoryReader.Oversell;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inventory screen: a SKU filter, then on the left every SKU with each region's warehouse
 * stock and the merged sellable figure (oversold SKUs first and marked), on the right the oversell
 * incidents and, for the selected one, each region's side: its contribution to the counter, its
 * version vector and clock.
 */
public final class InventoryView {
    private final VBox root;

    public InventoryView(InventoryViewModel model) {
        Label title = new Label(Screen.INVENTORY.title());
        title.getStyleClass().add("screen-title");
        Label status = Labels.wrapping("inventory-status", "muted", model.statusProperty());
        Label summary = Labels.wrapping("inventory-summary", "section-title", model.summaryProperty());

        TextField filter = new TextField();
        filter.setId("sku-filter");
        filter.setPromptText("Filter by SKU");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setMaxWidth(260);

        TableView<SkuRow> skus = new TableView<>(model.rows());
        skus.setId("skus");
        skus.setPlaceholder(new Label("No stock read yet."));
        // Region columns come and go with the readings; fixed widths keep them from being squeezed.
        skus.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        skus.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SkuRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("stock-row-oversold");
                if (!empty && row != null && (row.oversold() || row.openIncident())) {
                    getStyleClass().add("stock-row-oversold");
                }
            }
        });
        Runnable columns = () -> {
            // Warehouses under one "Stock" header: a region's name alone fits its column at 1280 px.
            TableColumn<SkuRow, String> stock = new TableColumn<>("Stock");
            stock.setId("stock-columns");
            for (String warehouse : model.warehouses()) {
                stock.getColumns().add(TextColumns.of(warehouse, 90, r -> number(r.stockIn(warehouse))));
            }
            stock.getColumns().add(TextColumns.of("total", 60, r -> Long.toString(r.total())));
            TableColumn<SkuRow, String> sellable = new TableColumn<>("Sellable");
            sellable.getColumns().add(TextColumns.of("merged", 80, r -> number(r.sellable())));
            List<TableColumn<SkuRow, ?>> all = new ArrayList<>();
            all.add(TextColumns.of("SKU", 75, SkuRow::sku));
            all.add(stock);
            all.add(sellable);
            skus.getColumns().setAll(all);
        };
        model.warehouses().addListener((ListChangeListener<String>) c -> columns.run());
        columns.run();
        VBox left = new VBox(8, filter, skus);
        VBox.setVgrow(skus, Priority.ALWAYS);
        left.setPrefWidth(520);
        left.setMinWidth(380);

        Label incidentsTitle = new Label("Oversell incidents");
        incidentsTitle.getStyleClass().add("section-title");
        TableView<Oversell> incidents = new TableView<>(model.incidents());
        incidents.setId("incidents");
        incidents.setPlaceholder(new Label("No oversell recorded."));
        incidents.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        incidents.getColumns().add(TextColumns.of("SKU", 80, Oversell::sku));
        incidents.getColumns().add(TextColumns.of("State", 70, o -> o.open() ? "open" : "decided"));
        incidents.getColumns().add(TextColumns.of("Merged", 70, Oversell::merged));
        incidents.getColumns().add(TextColumns.of("Detected", 110, InventoryViewModel::detected));
        incidents.getColumns().add(TextColumns.of("Decision", 200, o -> o.decision() == null ? "" : o.decision()));
        incidents.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && (model.selectedProperty().get() == null || !now.conflictId().equals(model.selectedProperty().get().conflictId()))) {
                model.select(now.conflictId());
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            Oversell shown = incidents.getSelectionModel().getSelectedItem();
            if (now == null) {
                incidents.getSelectionModel().clearSelection();
            } else if (shown == null || !shown.conflictId().equals(now.conflictId())) {
                model.incidents().stream().filter(o -> o.conflictId().equals(now.conflictId())).findFirst()
                        .ifPresent(incidents.getSelectionModel()::select);
            }
        });
        incidents.setPrefHeight(260);

        Label heading = Labels.wrapping("incident-heading", "section-title", model.headingProperty());
        Label explain = new Label("Each region sold from what it believed was left; merged, the sales exceed the stock. A region's "
                + "contribution is what it added (the starting stock, for the region that loaded it) less what it sold; its vector "
                + "shows which of the other region's changes it had seen when it last sold.");
        explain.getStyleClass().add("muted");
        explain.setWrapText(true);
        explain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TableView<InventoryViewModel.SaleRow> sales = new TableView<>(model.sales());
        sales.setId("incident-sales");
        sales.setPlaceholder(new Label("Select an incident."));
        sales.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sales.getColumns().add(TextColumns.of("Region", 90, InventoryViewModel.SaleRow::region));
        sales.getColumns().add(TextColumns.of("Contribution", 100, InventoryViewModel.SaleRow::contribution));
        sales.getColumns().add(TextColumns.of("Version vector", 190, InventoryViewModel.SaleRow::vector));
        sales.getColumns().add(TextColumns.of("Clock", 150, InventoryViewModel.SaleRow::clock));
        sales.setPrefHeight(110);
        sales.setMinHeight(90);

        VBox right = new VBox(8, incidentsTitle, incidents, heading, sales, explain);
        VBox.setVgrow(incidents, Priority.ALWAYS);
        right.setPrefWidth(560);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox middle = new HBox(16, left, right);
        VBox.setVgrow(middle, Priority.ALWAYS);

        root = new VBox(8, title, status, summary, middle);
        root.getStyleClass().addAll("screen", "inventory-screen");
    }

    private static String number(Long value) {
        return value == null ? "–" : Long.toString(value);
    }

    public Node root() {
        return root;
    }
}
