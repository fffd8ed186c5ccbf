package io.driftwatch.engine.verify;

import io.driftwatch.engine.api.VerifyReport;
import io.driftwatch.engine.sink.ClickHouseHttp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Every captured table of schema {@code public} in one or more regions against its view. A table
 * not merged across regions must equal the union of the regions' tables (each region owns its
 * keys). A merged table cannot equal any one region's: its keys are compared — and a merged
 * counter, when one is named, must be its merge: the starting figure less every region's use of it.
 */
public final class RegionsVerifier {

    /**
     * A merged counter column and the figure every row started at in every region, so what the
     * merge must show is the start plus the sum of the regions' changes.
     */
    public record Counter(String table, String key, String column, long start) {}

    private final ClickHouseHttp clickhouse;
    private final String database;
    private final Set<String> merged;
    private final Counter counter;

    /**
     * @param merged  the tables merged across regions, as {@code public.<table>}
     * @param counter the merged counter to check by value, or null to compare only keys
     */
    public RegionsVerifier(ClickHouseHttp clickhouse, String database, Set<String> merged, Counter counter) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.merged = Set.copyOf(merged);
        this.counter = counter;
    }

    /** Compares once; {@code connections} open one connection per region, primary first, and are closed here. */
    public VerifyReport verify(List<Supplier<Connection>> connections) throws SQLException {
        ViewVerifier verifier = new ViewVerifier(clickhouse, database);
        List<VerifyReport.Table> tables = new ArrayList<>();
        List<Connection> open = new ArrayList<>();
        try {
            for (Supplier<Connection> c : connections) {
                open.add(c.get());
            }
            List<String> names = new ArrayList<>();
            try (Statement s = open.get(0).createStatement();
                 ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN "
                         + "('driftwatch_heartbeat', 'outbox') ORDER BY tablename")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (open.size() > 1 && merged.contains("public." + name)) {
                    tables.add(verifyMerged(open, name));
                } else {
                    ViewVerifier.Result r = verifier.verify(open, "public", name);
                    tables.add(new VerifyReport.Table(r.table(), r.view(), r.source().rows(), r.view_().rows(), r.matches(), r.problem()));
                }
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        return new VerifyReport(tables);
    }

    private VerifyReport.Table verifyMerged(List<Connection> connections, String table) throws SQLException {
        String view = database + "." + table;
        try {
            if (counter != null && counter.table().equals(table)) {
                // What is left = the starting figure plus every region's change to it.
                TreeMap<String, Long> expected = new TreeMap<>();
                for (Connection c : connections) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT " + counter.key() + ", " + counter.column() + " FROM " + table)) {
                        while (rs.next()) {
                            expected.merge(rs.getString(1), rs.getLong(2) - counter.start(), Long::sum);
                        }
                    }
                }
                expected.replaceAll((key, change) -> change + counter.start());
                TreeMap<String, Long> actual = new TreeMap<>();
                clickhouse.query("SELECT " + counter.key() + ", " + counter.column() + " FROM " + view)
                        .forEach(r -> actual.put(r.get(counter.key()).asText(), r.get(counter.column()).asLong()));
                boolean same = expected.equals(actual);
                return new VerifyReport.Table("public." + table + " (merged counter)", view, expected.size(), actual.size(), same,
                        same ? null : "merged " + counter.column() + " differs from the starting figure less every region's use of it");
            }
            long sourceRows = 0;
            for (Connection c : connections) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    sourceRows = Math.max(sourceRows, rs.getLong(1));
                }
            }
            long viewRows = clickhouse.query("SELECT count() AS n FROM " + view).get(0).get("n").asLong();
            return new VerifyReport.Table("public." + table + " (merged, keys)", view, sourceRows, viewRows, sourceRows == viewRows, null);
        } catch (ClickHouseHttp.ClickHouseException e) {
            return new VerifyReport.Table("public." + table, view, 0, 0, false, "view unreadable: " + e.getMessage());
        }
    }
}
