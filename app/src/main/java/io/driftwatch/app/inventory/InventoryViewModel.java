package io.driftwatch.app.inventory;

import io.driftwatch.app.common.Messages;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.InventoryReader;
import io.driftwatch.engine.api.InventoryReader.Oversell;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
 * The inventory screen's state: per SKU the stock of each region's warehouse and the sellable
 * figure merged across regions, worst first; the oversell incidents; and for the selected one the
 * concurrent sales that caused it. Fed snapshots on the FX thread by a monitor; knows nothing of
 * controls. Call every method on the FX thread.
 */
public final class InventoryViewModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * One region's side of an incident: its contribution to the counter (what it added — the
     * starting stock counts for the region that loaded it — less what it sold), the version vector
     * of its latest sale (which of the other region's changes it had seen) and that sale's clock.
     */
    public record SaleRow(String region, String contribution, String vector, String clock) {}

    private final ObservableList<SkuRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SkuRow> shownRows = new FilteredList<>(rows);
    private final ObservableList<String> warehouses = FXCollections.observableArrayList();
    private final ObservableList<Oversell> incidents = FXCollections.observableArrayList();
    private final FilteredList<Oversell> shownIncidents = new FilteredList<>(incidents);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Oversell> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SaleRow> sales = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("No incident selected");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Waiting for the pipeline to start.");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public InventoryViewModel() {
        filter.addListener((obs, old, now) -> {
            shownRows.setPredicate(r -> matches(r.sku(), now));
            shownIncidents.setPredicate(i -> matches(i.sku(), now));
        });
    }

    /** The SKUs the filter lets through, worst first. */
    public ObservableList<SkuRow> rows() { return shownRows; }
    /** One stock column per warehouse (region). */
    public ObservableList<String> warehouses() { return warehouses; }
    /** Oversell incidents the filter lets through: open ones first, then decided ones, newest first. */
    public ObservableList<Oversell> incidents() { return shownIncidents; }
    /** Part of a SKU, case-insensitive. */
    public StringProperty filterProperty() { return filter; }
    public ReadOnlyObjectProperty<Oversell> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** The selected incident's sales, one row per region. */
    public ObservableList<SaleRow> sales() { return sales; }
    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** How many SKUs are oversold and by how much in all. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    public void waiting(String line) {
        status.set("Waiting for the pipeline: " + line);
    }

    public void failed(String why) {
        status.set("Inventory cannot be read: " + Messages.firstLine(why));
    }

    /** A fresh read of the views and conflicts; keeps the selected incident while it is listed. */
    public void update(InventoryReader.Snapshot snapshot) {
        List<String> regions = StockRows.warehouses(snapshot);
        if (!regions.equals(warehouses)) {
            warehouses.setAll(regions);
        }
        rows.setAll(StockRows.of(snapshot));
        List<Oversell> ordered = new ArrayList<>(snapshot.incidents());
        ordered.sort(java.util.Comparator.comparing((Oversell o) -> !o.open()).thenComparing(o -> -o.detectedMs()));
        String current = selected.get() == null ? null : selected.get().conflictId();
        incidents.setAll(ordered);
        select(current);
        if (selected.get() == null && !ordered.isEmpty()) {
            // Until the operator picks one (or when the picked one was replaced by a newer state), show the newest open
            // incident: which sales made it is the first question.
            select(ordered.get(0).conflictId());
        }

        String at = TIME.format(Instant.now()).substring(6);
        if (!snapshot.stockVisible()) {
            status.set("The inventory and stock_levels views do not exist yet: the processing job creates them with their first rows "
                    + "(read at " + at + ").");
        } else if (!snapshot.merging()) {
            status.set(rows.size() + " SKUs. No table is merged across regions, so no oversell can be recorded: with one region "
                    + "the sellable figure is that region's own (read at " + at + ").");
        } else {
            long open = snapshot.incidents().stream().filter(Oversell::open).count();
            status.set(rows.size() + " SKUs in " + regions.size() + (regions.size() == 1 ? " warehouse" : " warehouses") + "; "
                    + (open == 0 ? "no open oversell" : open + (open == 1 ? " open oversell" : " open oversells")) + ", "
                    + (snapshot.incidents().size() - open) + " decided (read at " + at + ").");
        }
        List<SkuRow> oversold = rows.stream().filter(SkuRow::oversold).toList();
        SkuRow worst = oversold.stream().min(java.util.Comparator.comparingLong(SkuRow::sellable)).orElse(null);
        summary.set(!snapshot.stockVisible() ? "" : worst == null ? "No SKU is oversold: every merged sellable figure is at or above zero."
                : oversold.size() + (oversold.size() == 1 ? " SKU" : " SKUs") + " oversold by " + oversold.stream()
                .mapToLong(r -> -r.sellable()).sum() + " units in all; worst: " + worst.sku() + " at " + worst.sellable() + ".");
    }

    /** Shows the incident with {@code conflictId}; null, or one not listed, clears the selection. */
    public void select(String conflictId) {
        Oversell o = conflictId == null ? null
                : incidents.stream().filter(x -> x.conflictId().equals(conflictId)).findFirst().orElse(null);
        selected.set(o);
        if (o == null) {
            sales.clear();
            heading.set("No incident selected");
            return;
        }
        sales.setAll(o.sides().stream().map(InventoryViewModel::sale).toList());
        heading.set(o.sku() + ": merged sellable " + o.merged() + " (" + (o.open() ? "open" : "decided") + "), sold concurrently in "
                + o.sides().stream().map(ConflictDesk.Side::region).collect(Collectors.joining(" and ")));
    }

    static SaleRow sale(ConflictDesk.Side side) {
        String vector = side.vector().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", "));
        return new SaleRow(side.region(), side.value(), "{" + vector + "}", side.clock());
    }

    /** When an incident was first recorded, for the list. */
    public static String detected(Oversell o) {
        return TIME.format(Instant.ofEpochMilli(o.detectedMs()));
    }

    static boolean matches(String sku, String filter) {
        return filter == null || filter.isBlank() || sku.toLowerCase(Locale.ROOT).contains(filter.trim().toLowerCase(Locale.ROOT));
    }
}
