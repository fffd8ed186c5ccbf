package io.driftwatch.engine.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * How a merged table (one configured for multi-region merge) is laid out in ClickHouse: every
 * merged version of every row in {@code <table>__merged}, numbered by the global merge sequence,
 * and the view {@code <table>} showing per key the newest version at or below the merge-visible
 * sequence number. Because merged versions are numbered in one total order, and the visible
 * number only passes a transaction once all its rows' merged versions are written, a reader
 * never sees part of a transaction's merge, across keys and across regions.
 *
 * <p>Also the tables every merged database shares: the merge-visible position, the conflicts
 * (one row per state of a conflict, the newest by {@code seq} wins) and the resolution audit.
 */
public record MergedLayout(String database, String table, List<String> keyColumns, Schema rowSchema) {
    public static final String MERGE_VISIBILITY = "_merge_visibility";
    public static final String CONFLICTS = "conflicts";
    public static final String AUDIT = "conflict_audit";

    public String mergedTable() {
        return table + "__merged";
    }

    public List<String> createStatements() {
        return List.of(ViewLayout.createDatabase(database), createMergeVisibility(database), ViewCut.create(database), createConflicts(database),
                createAudit(database), createMerged(), createView());
    }

    public static String createMergeVisibility(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(MERGE_VISIBILITY)
                + " (seq UInt64, at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY seq";
    }

    public static String createConflicts(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(CONFLICTS)
                + " (id String, status String, kind String, table String, key String, column String, sides_json String, "
                + "merged String, reason String, seq UInt64, detected_ms UInt64, payload String) "
                + "ENGINE = ReplacingMergeTree(seq) ORDER BY id";
    }

    public static String createAudit(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(AUDIT)
                + " (conflict_id String, operator String, at_ms UInt64, decision String, value String, merged String, "
                + "reason String, table String, key String, column String) ENGINE = MergeTree ORDER BY (at_ms, conflict_id)";
    }

    public String createMerged() {
        List<String> columns = new ArrayList<>();
        ViewLayout.columnTypes(rowSchema, keyColumns).forEach((name, type) -> columns.add(ViewLayout.q(name) + " " + type));
        columns.add("_seq UInt64");
        columns.add("_deleted UInt8");
        columns.add("_vector String");
        columns.add("_hlc String");
        String order = "(" + keyColumns.stream().map(ViewLayout::q).collect(Collectors.joining(", ")) + ", _seq)";
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(mergedTable()) + " (" + String.join(", ", columns)
                + ") ENGINE = ReplacingMergeTree ORDER BY " + order;
    }

    public String createView() {
        List<String> select = new ArrayList<>();
        for (Schema.Field field : rowSchema.getFields()) {
            String c = ViewLayout.q(field.name());
            select.add(keyColumns.contains(field.name()) ? c : "tupleElement(argMax(tuple(" + c + "), _seq), 1) AS " + c);
        }
        select.add("argMax(_vector, _seq) AS _vector");
        return "CREATE VIEW IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(table) + " AS SELECT " + String.join(", ", select)
                + " FROM " + ViewLayout.q(database) + "." + ViewLayout.q(mergedTable())
                + " WHERE _seq <= " + ViewCut.of(database, ViewCut.MERGE)
                + " GROUP BY " + keyColumns.stream().map(ViewLayout::q).collect(Collectors.joining(", "))
                + " HAVING argMax(_deleted, _seq) = 0";
    }

    /** Open conflicts: per id the newest state, kept when it is open. */
    public static String openConflicts(String database) {
        return "SELECT id, argMax(status, seq) AS state, argMax(kind, seq) AS kind, argMax(table, seq) AS table, "
                + "argMax(key, seq) AS key, argMax(column, seq) AS column, argMax(sides_json, seq) AS sides_json, "
                + "argMax(merged, seq) AS merged, argMax(reason, seq) AS reason, max(detected_ms) AS detected_ms, "
                + "argMax(payload, seq) AS payload FROM " + ViewLayout.q(database) + "." + ViewLayout.q(CONFLICTS)
                + " GROUP BY id HAVING state = 'open' ORDER BY detected_ms, id";
    }
}
