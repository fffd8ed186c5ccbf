package io.driftwatch.engine.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded moves of processing between regions, in ClickHouse next to the views
 * ({@code _failovers}): each move's figures as JSON, a newer version replacing an older one as
 * the figures complete (resumed, then every pending transaction arrived).
 */
public final class FailoverLog {
    static final String TABLE = "_failovers";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClickHouseHttp clickhouse;
    private final String table;
    private final String database;

    public FailoverLog(ClickHouseHttp clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.table = ViewLayout.q(database) + "." + ViewLayout.q(TABLE);
    }

    public void record(FailoverFigures figures) {
        clickhouse.execute("CREATE DATABASE IF NOT EXISTS " + ViewLayout.q(database));
        clickhouse.execute("CREATE TABLE IF NOT EXISTS " + table
                + " (id String, version UInt64, figures String, at DateTime DEFAULT now()) ENGINE = ReplacingMergeTree(version) ORDER BY id");
        try {
            String row = JSON.createObjectNode().put("id", figures.id()).put("version", System.nanoTime())
                    .put("figures", JSON.writeValueAsString(figures)).toString();
            clickhouse.insert(table, List.of(row));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the newest recorded move took processing: where a restarted controller resumes; empty before the first move. */
    public java.util.Optional<String> activeRegion() {
        List<FailoverFigures> moves = read();
        return moves.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(moves.get(moves.size() - 1).to());
    }

    /** Every recorded move, oldest first, each at its newest version; empty before the first. */
    public List<FailoverFigures> read() {
        List<FailoverFigures> out = new ArrayList<>();
        try {
            for (JsonNode row : clickhouse.query("SELECT argMax(figures, version) AS figures FROM " + table + " GROUP BY id")) {
                out.add(JSON.readValue(row.get("figures").asText(), FailoverFigures.class));
            }
            // In the order they happened: merges keep only a move's newest row, so insertion times do not tell.
            out.sort(java.util.Comparator.comparingLong(FailoverFigures::failedAtMillis).thenComparing(FailoverFigures::id));
        } catch (ClickHouseHttp.ClickHouseException e) {
            if (e.getMessage() == null || !(e.getMessage().contains("Code: 60") || e.getMessage().contains("Code: 81"))) {
                throw e;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable failover record: " + e.getMessage(), e);
        }
        return out;
    }
}
