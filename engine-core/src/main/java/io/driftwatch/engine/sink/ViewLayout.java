package io.driftwatch.engine.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * How one source table is laid out in ClickHouse: a table of versioned rows and, over it, the
 * consistent view that readers query. Pure: it only writes SQL.
 *
 * <p>Rows: every version of every row, with {@code _version} = the commit position of the source
 * transaction that wrote it and {@code _deleted} marking deletes. The sorting key is the row key
 * <em>and</em> the version, so ReplacingMergeTree collapses only a version written twice (a
 * replay), never an older version into a newer one: an older version must stay readable while
 * the newer one is not yet visible. View: per key, the newest version at or below the region's
 * cut ({@link ViewCut}), unless that version is a delete. {@code argMax} over a one-element tuple,
 * because ClickHouse aggregate functions skip NULLs and a column set to NULL must read as NULL.
 */
public record ViewLayout(String database, String table, List<String> keyColumns, Schema rowSchema, List<String> regions) {

    public static final String VISIBILITY = "_visibility";

    public String rowsTable() {
        return table + "__rows";
    }

    public List<String> createStatements() {
        return List.of(createDatabase(database), createVisibility(database), ViewCut.create(database), createRows(), createView());
    }

    public static String createDatabase(String database) {
        return "CREATE DATABASE IF NOT EXISTS " + q(database);
    }

    public static String createVisibility(String database) {
        return "CREATE TABLE IF NOT EXISTS " + q(database) + "." + q(VISIBILITY)
                + " (region String, position UInt64, at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY (region, position)";
    }

    public String createRows() {
        List<String> columns = new ArrayList<>();
        columnTypes(rowSchema, keyColumns).forEach((name, type) -> columns.add(q(name) + " " + type));
        columns.add("_version UInt64");
        columns.add("_deleted UInt8");
        columns.add("_region String");
        columns.add("_txid String");
        columns.add("_lsn UInt64");
        columns.add("_source_ts UInt64");
        columns.add("_written DateTime DEFAULT now()");
        if (keyColumns.isEmpty()) {
            // Rows without a primary key: identified by their change's WAL position, or, in a
            // snapshot (where every row shares one position), by their place in the topic.
            columns.add("_row String");
        }
        String order = keyColumns.isEmpty() ? "(_region, _row, _version)"
                : "(" + keyColumns.stream().map(ViewLayout::q).collect(Collectors.joining(", ")) + ", _version)";
        return "CREATE TABLE IF NOT EXISTS " + q(database) + "." + q(rowsTable()) + " (" + String.join(", ", columns)
                + ") ENGINE = ReplacingMergeTree ORDER BY " + order;
    }

    public String createView() {
        List<String> group = keyColumns.isEmpty() ? List.of("_region", "_row") : keyColumns;
        List<String> select = new ArrayList<>();
        for (Schema.Field field : rowSchema.getFields()) {
            String c = q(field.name());
            select.add(group.contains(field.name()) ? c : "tupleElement(argMax(tuple(" + c + "), _version), 1) AS " + c);
        }
        String visible = "multiIf(" + regions.stream()
                .map(r -> "_region = '" + r.replace("'", "") + "', " + ViewCut.of(database, r))
                .collect(Collectors.joining(", ")) + ", 0)";
        return "CREATE VIEW IF NOT EXISTS " + q(database) + "." + q(table) + " AS SELECT " + String.join(", ", select)
                + " FROM " + q(database) + "." + q(rowsTable()) + " WHERE _version <= " + visible
                + " GROUP BY " + group.stream().map(ViewLayout::q).collect(Collectors.joining(", "))
                + " HAVING argMax(_deleted, _version) = 0";
    }

    /** The ClickHouse type of each column of {@code rowSchema}, in order; key columns are never Nullable (ClickHouse sorts by them). */
    public static java.util.Map<String, String> columnTypes(Schema rowSchema, List<String> keyColumns) {
        java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
        for (Schema.Field field : rowSchema.getFields()) {
            String type = ClickHouseTypes.of(field.schema());
            if (keyColumns.contains(field.name()) && type.startsWith("Nullable(")) {
                type = type.substring("Nullable(".length(), type.length() - 1);
            }
            types.put(field.name(), type);
        }
        return types;
    }

    public static String q(String identifier) {
        return "`" + identifier.replace("`", "") + "`";
    }
}
