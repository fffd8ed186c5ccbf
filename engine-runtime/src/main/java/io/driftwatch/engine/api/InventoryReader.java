package io.driftwatch.engine.api;

import io.driftwatch.engine.naming.PipelineNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.MergedLayout;
import io.driftwatch.engine.sink.ViewLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GlobalMart's stock as its ClickHouse views show it: each warehouse's stock (the per-region
 * {@code inventory} table, one warehouse per region), the sellable figure merged across regions
 * ({@code stock_levels}, a counter that must not go below zero), and the oversell incidents: the
 * merged figure's invariant violations, each with the regions' sales that together drove it below
 * zero. Blocking reads: never on a UI thread.
 *
 * <p>Why only open and decided incidents are listed: a violation is derived from the counter's
 * state, so every further sale of an oversold SKU clears the previous state and opens a new one.
 * The cleared states are steps of one incident, not incidents of their own; what an operator needs
 * is the incident as it stands and those someone decided.
 */
public final class InventoryReader {
    /** The merged table of sellable stock, as conflicts name it. */
    public static final String SELLABLE_TABLE = "public.stock_levels";
    private static final String INVARIANT_VIOLATION = "INVARIANT_VIOLATION";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One warehouse's stock of a SKU. */
    public record WarehouseStock(String sku, String warehouse, long stock) {}

    /** What may still be sold of a SKU, merged across regions; below zero is an oversell. */
    public record Sellable(String sku, long available) {}

    /**
     * An oversell incident: the merged sellable figure of {@code sku} below zero.
     *
     * @param open     true while no operator decided it and no later state replaced it
     * @param merged   the merged figure when it was recorded
     * @param sides    per region that sold the SKU, its contribution to the counter (negative: units
     *                 sold) with the version vector and clock of its latest sale
     * @param decision the operator's decision from the audit trail (who, what, why); null when none
     */
    public record Oversell(String conflictId, String sku, boolean open, String merged, List<ConflictDesk.Side> sides, String reason,
                           long detectedMs, String decision) {
        public Oversell {
            sides = List.copyOf(sides);
        }
    }

    /**
     * @param stockVisible false while the views do not exist yet (the job creates them with the first rows)
     * @param merging      false while no table is merged across regions (one region), so no incident can be recorded
     */
    public record Snapshot(List<WarehouseStock> stock, List<Sellable> sellable, List<Oversell> incidents, boolean stockVisible,
                           boolean merging) {
        public Snapshot {
            stock = List.copyOf(stock);
            sellable = List.copyOf(sellable);
            incidents = List.copyOf(incidents);
        }
    }

    private final ClickHouseHttp clickhouse;
    private final String database;

    public InventoryReader(String clickhouseUrl, String user, String password, String database) {
        this.clickhouse = new ClickHouseHttp(clickhouseUrl, user, password);
        this.database = database;
    }

    /** For a local stack: its ClickHouse, the views of {@code dw_<topicPrefix>}. */
    public static InventoryReader forLocalStack(StackEndpoints e, String topicPrefix) {
        return new InventoryReader(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(), PipelineNames.viewsDatabase(topicPrefix));
    }

    /** Reads the views and the conflicts now. */
    public Snapshot read() {
        String db = ViewLayout.q(database);
        List<WarehouseStock> stock = new ArrayList<>();
        List<Sellable> sellable = new ArrayList<>();
        boolean visible = true;
        try {
            for (JsonNode r : clickhouse.query("SELECT sku, warehouse, stock FROM " + db + ".inventory ORDER BY sku, warehouse")) {
                stock.add(new WarehouseStock(r.get("sku").asText(), r.get("warehouse").asText(), r.get("stock").asLong()));
            }
            for (JsonNode r : clickhouse.query("SELECT sku, available FROM " + db + ".stock_levels ORDER BY sku")) {
                sellable.add(new Sellable(r.get("sku").asText(), r.get("available").asLong()));
            }
        } catch (ClickHouseHttp.ClickHouseException e) {
            if (!missing(e)) {
                throw e;
            }
            visible = false;
        }
        List<Oversell> incidents = new ArrayList<>();
        boolean merging = true;
        try {
            incidents.addAll(incidents(db));
        } catch (ClickHouseHttp.ClickHouseException e) {
            if (!missing(e)) {
                throw e;
            }
            merging = false;
        }
        return new Snapshot(stock, sellable, incidents, visible, merging);
    }

    private List<Oversell> incidents(String db) {
        String conflicts = db + "." + ViewLayout.q(MergedLayout.CONFLICTS);
        String audit = db + "." + ViewLayout.q(MergedLayout.AUDIT);
        Map<String, String> decisions = new HashMap<>();
        for (JsonNode r : clickhouse.query("SELECT conflict_id, operator, decision, value, reason FROM " + audit
                + " WHERE `table` = '" + SELLABLE_TABLE + "' ORDER BY at_ms")) {
            decisions.put(r.get("conflict_id").asText(), r.get("operator").asText() + ": " + r.get("decision").asText() + " (value "
                    + r.get("value").asText() + ") because " + r.get("reason").asText());
        }
        List<Oversell> incidents = new ArrayList<>();
        for (JsonNode r : clickhouse.query("SELECT id, argMax(status, seq) AS state, argMax(key, seq) AS key, "
                + "argMax(sides_json, seq) AS sides_json, argMax(merged, seq) AS merged, argMax(reason, seq) AS reason, "
                + "min(detected_ms) AS detected_ms FROM " + conflicts + " WHERE `table` = '" + SELLABLE_TABLE + "' AND kind = '"
                + INVARIANT_VIOLATION + "' GROUP BY id HAVING state = 'open' OR id IN (SELECT conflict_id FROM " + audit + ") "
                + "ORDER BY detected_ms DESC, id")) {
            String id = r.get("id").asText();
            incidents.add(new Oversell(id, sku(r.get("key").asText()), r.get("state").asText().equals("open") && !decisions.containsKey(id),
                    r.get("merged").asText(), ConflictDesk.sides(r), r.get("reason").asText(), r.get("detected_ms").asLong(),
                    decisions.get(id)));
        }
        return incidents;
    }

    /** A conflict names its row by the key record, {@code {"sku": "SKU-1"}}. */
    static String sku(String key) {
        try {
            JsonNode node = JSON.readTree(key);
            return node.has("sku") ? node.get("sku").asText() : key;
        } catch (IOException notJson) {
            return key;
        }
    }

    private static boolean missing(ClickHouseHttp.ClickHouseException e) {
        String m = e.getMessage();
        return m != null && (m.contains("doesn't exist") || m.contains("does not exist") || m.contains("UNKNOWN_TABLE")
                || m.contains("UNKNOWN_DATABASE"));
    }
}
