package io.driftwatch.engine.lag;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewCut;
import io.driftwatch.engine.sink.ViewLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * Per region, the commit position up to which the views show its transactions: the views' cut
 * ({@link ViewCut}), which follows what the processing job published.
 */
public final class VisiblePositions {
    private final ClickHouseHttp clickhouse;
    private final String database;

    public VisiblePositions(StackEndpoints.ClickHouse endpoint, String database) {
        this.clickhouse = new ClickHouseHttp(endpoint.url(), endpoint.user(), endpoint.password());
        this.database = database;
    }

    /** Region → visible position; empty before the job created the table. */
    public Map<String, Long> read() {
        Map<String, Long> visible = new HashMap<>();
        try {
            for (JsonNode row : clickhouse.query("SELECT source, toString(max(position)) AS position FROM " + ViewLayout.q(database)
                    + "." + ViewLayout.q(ViewCut.TABLE) + " WHERE source != '" + ViewCut.MERGE + "' GROUP BY source")) {
                visible.put(row.get("source").asText(), Long.parseLong(row.get("position").asText()));
            }
        } catch (ClickHouseHttp.ClickHouseException e) {
            // Code 60: no such table, 81: no such database. Before the job's first write, nothing is visible.
            if (e.getMessage() == null || !(e.getMessage().contains("Code: 60") || e.getMessage().contains("Code: 81"))) {
                throw e;
            }
        }
        return visible;
    }
}
