package io.driftwatch.app.inventory;

import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.InventoryReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Made-up readings of GlobalMart's stock in two regions, shaped like the views' rows. */
final class Stock {
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    private Stock() {}

    /**
     * SKU-2 oversold by 5 (an open incident), SKU-10 low, SKU-3 once oversold and decided, SKU-1
     * untouched: each SKU in both warehouses.
     */
    static InventoryReader.Snapshot twoRegions() {
        List<InventoryReader.WarehouseStock> stock = List.of(
                new InventoryReader.WarehouseStock("SKU-1", EAST, 500), new InventoryReader.WarehouseStock("SKU-1", WEST, 500),
                new InventoryReader.WarehouseStock("SKU-2", EAST, 470), new InventoryReader.WarehouseStock("SKU-2", WEST, 485),
                new InventoryReader.WarehouseStock("SKU-3", EAST, 480), new InventoryReader.WarehouseStock("SKU-3", WEST, 490),
                new InventoryReader.WarehouseStock("SKU-10", EAST, 490), new InventoryReader.WarehouseStock("SKU-10", WEST, 497));
        List<InventoryReader.Sellable> sellable = List.of(new InventoryReader.Sellable("SKU-1", 40), new InventoryReader.Sellable("SKU-2", -5),
                new InventoryReader.Sellable("SKU-3", 0), new InventoryReader.Sellable("SKU-10", 3));
        List<InventoryReader.Oversell> incidents = List.of(
                new InventoryReader.Oversell("c-3", "SKU-3", false, "-2", List.of(
                        new ConflictDesk.Side(EAST, "20", vector(12, 3), "1700000000000.0@us-east-1"),
                        new ConflictDesk.Side(WEST, "-22", vector(10, 9), "1700000000100.0@eu-west-1")),
                        "public.stock_levels.available = -2 breaks non_negative", 1_700_000_000_500L,
                        "alice: enter value 0 (value 0) because counted the shelf"),
                new InventoryReader.Oversell("c-2", "SKU-2", true, "-5", List.of(
                        new ConflictDesk.Side(EAST, "10", vector(30, 4), "1700000001000.0@us-east-1"),
                        new ConflictDesk.Side(WEST, "-15", vector(28, 11), "1700000001200.0@eu-west-1")),
                        "public.stock_levels.available = -5 breaks non_negative", 1_700_000_001_500L, null));
        return new InventoryReader.Snapshot(stock, sellable, incidents, true, true);
    }

    static Map<String, Long> vector(long east, long west) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put(EAST, east);
        v.put(WEST, west);
        return v;
    }
}
