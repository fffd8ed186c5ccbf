package io.driftwatch.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewLayout;
import io.driftwatch.engine.sink.ViewWriter;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a PostgreSQL table with its consistent view in ClickHouse: row count and an
 * order-independent checksum over all columns, with each value brought to the same canonical
 * text on both sides (by the PostgreSQL column type).
 */
public final class ViewVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseHttp clickhouse;
    private final String database;

    public ViewVerifier(ClickHouseHttp clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
    }

    /** The outcome for one table. */
    public record Result(String table, String view, TableDigest source, TableDigest view_, String problem) {
        public boolean matches() {
            return problem == null && source.equals(view_);
        }
    }

    public Result verify(Connection pg, String schema, String table) throws SQLException {
        return verify(List.of(pg), schema, table);
    }

    /**
     * Compares the view with the union of {@code table} in several regions' databases: the view
     * of a table that is not merged across regions shows every region's rows, each region owning
     * its own keys.
     */
    public Result verify(List<Connection> pgs, String schema, String table) throws SQLException {
        String view = ViewWriter.viewName(schema + "." + table);
        Map<String, String> types = new HashMap<>();
        TableDigest source = TableDigest.empty();
        for (Connection each : pgs) {
            try (Statement s = each.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + schema + "\".\"" + table + "\"")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    types.put(meta.getColumnName(i), meta.getColumnTypeName(i));
                }
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), fromPostgres(rs, i, meta.getColumnTypeName(i)));
                    }
                    source = source.plus(row);
                }
            }
        }
        TableDigest target = TableDigest.empty();
        List<JsonNode> rows;
        try {
            rows = clickhouse.query("SELECT * FROM " + ViewLayout.q(database) + "." + ViewLayout.q(view));
        } catch (ClickHouseHttp.ClickHouseException e) {
            return new Result(schema + "." + table, database + "." + view, source, target, "view unreadable: " + e.getMessage());
        }
        for (JsonNode node : rows) {
            Map<String, String> row = new HashMap<>();
            for (Map.Entry<String, String> column : types.entrySet()) {
                row.put(column.getKey(), fromClickHouse(node.get(column.getKey()), column.getValue()));
            }
            target = target.plus(row);
        }
        return new Result(schema + "." + table, database + "." + view, source, target, null);
    }

    static String fromPostgres(ResultSet rs, int column, String type) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "numeric", "int2", "int4", "int8", "serial", "bigserial", "float4", "float8" -> CanonicalValues.decimal(rs.getString(column));
            case "bool" -> CanonicalValues.bool(rs.getBoolean(column));
            case "timestamp" -> CanonicalValues.micros(rs.getObject(column, LocalDateTime.class));
            case "timestamptz" -> CanonicalValues.micros(rs.getObject(column, OffsetDateTime.class));
            case "bytea" -> CanonicalValues.hex(rs.getBytes(column));
            case "json", "jsonb" -> canonicalJson(rs.getString(column));
            default -> {
                if (type.startsWith("_")) {
                    Array array = rs.getArray(column);
                    List<String> items = new ArrayList<>();
                    for (Object item : (Object[]) array.getArray()) {
                        items.add(item == null ? null : item.toString());
                    }
                    yield JSON.valueToTree(items).toString();
                }
                yield rs.getString(column);
            }
        };
    }

    static String fromClickHouse(JsonNode value, String type) {
        if (value == null || value.isNull()) {
            return type.startsWith("_") ? "[]" : null;
        }
        return switch (type) {
            case "numeric", "int2", "int4", "int8", "serial", "bigserial", "float4", "float8" -> CanonicalValues.decimal(value.asText());
            case "bool" -> value.asText().equals("1") || value.asText().equals("true") ? "1" : "0";
            case "timestamp" -> value.asText();
            case "timestamptz" -> CanonicalValues.microsOfIso(value.asText());
            case "json", "jsonb" -> canonicalJson(value.asText());
            default -> {
                if (type.startsWith("_")) {
                    List<String> items = new ArrayList<>();
                    for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                        JsonNode item = it.next();
                        items.add(item.isNull() ? null : item.asText());
                    }
                    yield JSON.valueToTree(items).toString();
                }
                yield value.asText();
            }
        };
    }

    private static String canonicalJson(String text) {
        try {
            return JSON.readTree(text).toString();
        } catch (IOException e) {
            return text;
        }
    }
}
