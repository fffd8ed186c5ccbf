package io.driftwatch.engine.capture;

import io.driftwatch.engine.sink.TableShape;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The tables a region's capture takes, read from the source's catalog: every ordinary or
 * partitioned table of the captured schemas but capture's heartbeat table and the outbox table
 * (whose records become events, not rows), with its primary key and the row schema capture
 * gives it ({@link CatalogTypes}).
 */
public final class SourceTables {
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, t.typname, format_type(a.atttypid, a.atttypmod) AS formatted,
                   t.typcategory, et.typname AS element, a.attnotnull
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(?)
            ORDER BY n.nspname, c.relname, a.attnum""";
    private static final String KEYS = """
            SELECT n.nspname, c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
            WHERE i.indisprimary AND n.nspname = ANY(?)
            ORDER BY n.nspname, c.relname, array_position(i.indkey::int2[], a.attnum)""";

    private SourceTables() {}

    /** The tables {@code settings}' capture takes, as its source's catalog describes them now. */
    public static List<TableShape> read(CaptureSettings settings) throws SQLException {
        try (Connection c = SourceDatabase.connect(settings)) {
            return read(settings, c);
        }
    }

    /** {@link #read(CaptureSettings)} over a connection the caller keeps. */
    static List<TableShape> read(CaptureSettings settings, Connection c) throws SQLException {
        Array schemas = c.createArrayOf("text", settings.capture().schemas().toArray());
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement(KEYS)) {
            q.setArray(1, schemas);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), t -> new ArrayList<>()).add(rs.getString(3));
                }
            }
        }
        Map<String, List<Schema.Field>> fields = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement(COLUMNS)) {
            q.setArray(1, schemas);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1) + "." + rs.getString(2);
                    List<Schema.Field> columns = fields.computeIfAbsent(table, t -> new ArrayList<>());
                    String column = rs.getString(3);
                    boolean required = rs.getBoolean(8) || keys.getOrDefault(table, List.of()).contains(column);
                    CatalogTypes.of(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))
                            .ifPresent(type -> columns.add(new Schema.Field(column, required ? type : CatalogTypes.optional(type))));
                }
            }
        }
        List<TableShape> tables = new ArrayList<>();
        fields.forEach((table, columns) -> {
            if (captured(settings, table) && !columns.isEmpty()) {
                tables.add(new TableShape(table, keys.getOrDefault(table, List.of()),
                        Schema.createRecord(AvroNames.name(table.substring(table.indexOf('.') + 1)), null, "driftwatch.catalog", false, columns)));
            }
        });
        return tables;
    }

    private static boolean captured(CaptureSettings settings, String table) {
        return !table.equals("public." + DebeziumProperties.HEARTBEAT_TABLE) && !table.equals(settings.capture().outboxTable());
    }
}
