package io.driftwatch.app.inventory;

import io.driftwatch.engine.api.InventoryReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns what the views hold into the inventory screen's rows, worst SKU first: an open oversell
 * before anything else, then the lowest merged sellable figure, then the lowest stock. Pure.
 *
 * <p>Why this order: the on-call question is "what did we sell that we do not have"; a SKU whose
 * merged figure is below zero is exactly that, and the nearer a figure is to zero the sooner it
 * will be.
 */
public final class StockRows {
    static final Comparator<SkuRow> WORST_FIRST = Comparator.comparing((SkuRow r) -> !r.openIncident())
            .thenComparing(r -> r.sellable() == null ? Long.MAX_VALUE : r.sellable())
            .thenComparingLong(SkuRow::total)
            .thenComparing(SkuRow::sku, StockRows::naturalOrder);

    private StockRows() {}

    /** The warehouses the snapshot names, sorted: one column each. */
    public static List<String> warehouses(InventoryReader.Snapshot snapshot) {
        return snapshot.stock().stream().map(InventoryReader.WarehouseStock::warehouse).distinct().sorted().toList();
    }

    public static List<SkuRow> of(InventoryReader.Snapshot snapshot) {
        Map<String, Map<String, Long>> stock = new TreeMap<>();
        for (InventoryReader.WarehouseStock s : snapshot.stock()) {
            stock.computeIfAbsent(s.sku(), k -> new TreeMap<>()).merge(s.warehouse(), s.stock(), Long::sum);
        }
        Map<String, Long> sellable = snapshot.sellable().stream()
                .collect(Collectors.toMap(InventoryReader.Sellable::sku, InventoryReader.Sellable::available, (a, b) -> b));
        Set<String> open = snapshot.incidents().stream().filter(InventoryReader.Oversell::open).map(InventoryReader.Oversell::sku)
                .collect(Collectors.toSet());
        Set<String> skus = new TreeSet<>(stock.keySet());
        skus.addAll(sellable.keySet());
        List<SkuRow> rows = new ArrayList<>();
        for (String sku : skus) {
            Map<String, Long> byWarehouse = stock.getOrDefault(sku, Map.of());
            long total = byWarehouse.values().stream().mapToLong(Long::longValue).sum();
            rows.add(new SkuRow(sku, byWarehouse, total, sellable.get(sku), open.contains(sku)));
        }
        rows.sort(WORST_FIRST);
        return rows;
    }

    /** SKU-2 before SKU-10. */
    static int naturalOrder(String a, String b) {
        String da = a.replaceAll("\\D", "");
        String db = b.replaceAll("\\D", "");
        String pa = a.replaceAll("\\d", "");
        String pb = b.replaceAll("\\d", "");
        if (pa.equals(pb) && !da.isEmpty() && !db.isEmpty() && da.length() < 18 && db.length() < 18) {
            return Long.compare(Long.parseLong(da), Long.parseLong(db));
        }
        return a.compareTo(b);
    }
}
