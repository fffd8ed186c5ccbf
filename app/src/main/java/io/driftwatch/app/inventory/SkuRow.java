package io.driftwatch.app.inventory;

import java.util.Map;

/**
 * One SKU as the inventory screen lists it.
 *
 * @param byWarehouse stock per warehouse (one per region), in the order of the screen's columns
 * @param total       the warehouses' stock together
 * @param sellable    what may still be sold, merged across regions; null while the view has no row for it
 * @param openIncident true while an oversell of this SKU is open
 */
public record SkuRow(String sku, Map<String, Long> byWarehouse, long total, Long sellable, boolean openIncident) {
    public SkuRow {
        byWarehouse = Map.copyOf(byWarehouse);
    }

    /** Stock in {@code warehouse}, or null when it holds none of this SKU. */
    public Long stockIn(String warehouse) {
        return byWarehouse.get(warehouse);
    }

    /** Sold beyond what existed: the merged sellable figure below zero. */
    public boolean oversold() {
        return sellable != null && sellable < 0;
    }
}
