package io.driftwatch.engine.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.txn.LatencySamples;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's end-to-end latency histogram, kept in ClickHouse beside the views so that any
 * window can be asked for: per region, how many transactions became visible at an instant with
 * a given latency (source commit → visible in the consistent views, in milliseconds).
 */
public final class LatencyTable {
    public static final String NAME = "_latency";

    /** Latency percentiles (ms) over {@code transactions} transactions; NaN when there were none. */
    public record Summary(long transactions, double p50, double p99, double max) {}

    private final ClickHouseHttp clickhouse;
    private final String database;

    public LatencyTable(ClickHouseHttp clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
    }

    public static String create(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(NAME)
                + " (region String, visible_ms UInt64, latency_ms UInt64, transactions UInt64)"
                + " ENGINE = MergeTree ORDER BY (region, visible_ms)";
    }

    public void insert(String region, List<LatencySamples.Group> groups) {
        List<String> rows = new ArrayList<>(groups.size());
        String quotedRegion = region.replace("\\", "").replace("\"", "");
        for (LatencySamples.Group g : groups) {
            rows.add("{\"region\":\"" + quotedRegion + "\",\"visible_ms\":" + g.visibleMs() + ",\"latency_ms\":" + g.latencyMs()
                    + ",\"transactions\":" + g.count() + "}");
        }
        clickhouse.insert(ViewLayout.q(database) + "." + ViewLayout.q(NAME), rows);
    }

    /**
     * Percentiles over the transactions of {@code region} (all regions when null) committed at or
     * after {@code committedFromMs} and visible before {@code visibleBeforeMs}.
     */
    public Summary summary(String region, long committedFromMs, long visibleBeforeMs) {
        return summaryWhere("visible_ms - latency_ms >= " + committedFromMs + " AND visible_ms < " + visibleBeforeMs
                + (region == null ? "" : " AND region = '" + region.replace("'", "") + "'"));
    }

    /** Percentiles over the transactions (all regions) that became visible at or after {@code visibleFromMs}. */
    public Summary visibleSince(long visibleFromMs) {
        return summaryWhere("visible_ms >= " + visibleFromMs);
    }

    private Summary summaryWhere(String where) {
        JsonNode row = clickhouse.query("SELECT sum(transactions) AS n, quantileExactWeighted(0.5)(latency_ms, transactions) AS p50, "
                + "quantileExactWeighted(0.99)(latency_ms, transactions) AS p99, max(latency_ms) AS max FROM "
                + ViewLayout.q(database) + "." + ViewLayout.q(NAME) + " WHERE " + where).get(0);
        long n = row.get("n").asLong();
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(n, row.get("p50").asDouble(), row.get("p99").asDouble(), row.get("max").asDouble());
    }

    /** How many transactions (all regions) became visible since an instant, and when the newest did. */
    public record Progress(long transactions, long newestVisibleMs) {}

    public Progress progressSince(long visibleFromMs) {
        JsonNode row = clickhouse.query("SELECT sum(transactions) AS n, max(visible_ms) AS newest FROM " + ViewLayout.q(database) + "."
                + ViewLayout.q(NAME) + " WHERE visible_ms >= " + visibleFromMs).get(0);
        return new Progress(row.get("n").asLong(), row.get("newest").asLong());
    }
}
