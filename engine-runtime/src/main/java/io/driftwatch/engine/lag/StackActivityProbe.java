package io.driftwatch.engine.lag;

import io.driftwatch.engine.postgres.PostgresConnections;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.ActivityProbe;
import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import io.driftwatch.engine.sink.ViewLayout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activity probe over a stack's endpoints: per region one query to PostgreSQL's statistics,
 * and one query to the views' latency table, which counts every transaction the job made visible.
 * Each part fails on its own. Not thread-safe: one prober thread calls it.
 */
public final class StackActivityProbe implements ActivityProbe {
    static final String SOURCE_QUERY = "SELECT xact_commit, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS wal "
            + "FROM pg_stat_database WHERE datname = current_database()";

    private final InstantSource clock;
    private final Map<String, StackEndpoints.Postgres> postgres = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final ClickHouseHttp clickhouse;
    private final String database;

    public StackActivityProbe(StackEndpoints endpoints, String viewDatabase, InstantSource clock) {
        this.clock = clock;
        for (String region : endpoints.regionNames()) {
            postgres.put(region, endpoints.region(region).postgres());
        }
        StackEndpoints.ClickHouse ch = endpoints.clickhouse();
        this.clickhouse = new ClickHouseHttp(ch.url(), ch.user(), ch.password());
        this.database = viewDatabase;
    }

    @Override
    public ActivitySnapshot read() {
        List<String> problems = new ArrayList<>();
        Map<String, ActivitySnapshot.Source> sources = new LinkedHashMap<>();
        postgres.forEach((region, pg) -> {
            try {
                sources.put(region, source(region, pg));
            } catch (SQLException e) {
                close(region);
                problems.add("PostgreSQL in " + region + " did not answer: " + e.getMessage());
            }
        });
        Map<String, Long> visible = new LinkedHashMap<>();
        try {
            for (JsonNode row : clickhouse.query("SELECT region, toString(sum(transactions)) AS n FROM " + ViewLayout.q(database) + "."
                    + ViewLayout.q(LatencyTable.NAME) + " GROUP BY region")) {
                visible.put(row.get("region").asText(), Long.parseLong(row.get("n").asText()));
            }
        } catch (ClickHouseHttp.ClickHouseException e) {
            // Code 60: no such table, 81: no such database. Before the job's first write, nothing is visible.
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (!(m.contains("Code: 60") || m.contains("Code: 81"))) {
                problems.add("ClickHouse did not answer: " + m.lines().findFirst().orElse(m));
            }
        } catch (RuntimeException e) {
            problems.add("ClickHouse did not answer: " + e.getMessage());
        }
        return new ActivitySnapshot(Instant.ofEpochMilli(clock.millis()), sources, visible, problems);
    }

    private ActivitySnapshot.Source source(String region, StackEndpoints.Postgres pg) throws SQLException {
        Connection c = connections.get(region);
        if (c == null) {
            c = PostgresConnections.probe(pg, "driftwatch-activity-probe");
            connections.put(region, c);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SOURCE_QUERY)) {
            if (!rs.next()) {
                throw new SQLException("no statistics for the database");
            }
            return new ActivitySnapshot.Source(rs.getLong("xact_commit"), rs.getLong("wal"));
        }
    }

    private void close(String region) {
        Connection c = connections.remove(region);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it was failing anyway
            }
        }
    }

    @Override
    public void close() {
        List.copyOf(connections.keySet()).forEach(this::close);
    }
}
