package io.driftwatch.engine.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Writes row versions into ClickHouse in batches, creating each table's rows table and consistent
 * view the first time the table appears, and adding columns when a table gains some.
 *
 * <p>Writes are idempotent: the same row version written twice is the same (key, version) and
 * collapses; so a batch replayed after a crash does no harm.
 */
public final class ViewWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseHttp clickhouse;
    private final SchemaRegistryClient registry;
    private final String database;
    private final List<String> regions;
    private final Map<String, List<String>> buffer = new LinkedHashMap<>();
    private final Map<String, Integer> layoutSchema = new HashMap<>();
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    private int buffered;

    public ViewWriter(ClickHouseHttp clickhouse, SchemaRegistryClient registry, String database, List<String> regions) {
        this.clickhouse = clickhouse;
        this.registry = registry;
        this.database = database;
        this.regions = List.copyOf(regions);
    }

    /** The ClickHouse name of a source table: its name, prefixed by its schema unless that is {@code public}. */
    public static String viewName(String sourceTable) {
        int dot = sourceTable.indexOf('.');
        String schema = dot < 0 ? "public" : sourceTable.substring(0, dot);
        String table = dot < 0 ? sourceTable : sourceTable.substring(dot + 1);
        return (schema.equals("public") ? table : schema + "__" + table).replaceAll("[^A-Za-z0-9_]", "_");
    }

    public void add(VersionedRow row) {
        ensureLayout(row);
        ObjectNode line;
        try {
            line = (ObjectNode) JSON.readTree(row.rowJson());
        } catch (IOException e) {
            throw new UncheckedIOException("row image of " + row.table() + " is not JSON", e);
        }
        line.put("_version", row.version());
        line.put("_deleted", row.deleted() ? 1 : 0);
        line.put("_region", row.region());
        line.put("_txid", row.txId());
        line.put("_lsn", row.lsn());
        line.put("_source_ts", row.sourceTsMs());
        if (row.keySchemaId() < 0) {
            line.put("_row", row.rowKey());
        }
        buffer.computeIfAbsent(viewName(row.table()), t -> new ArrayList<>()).add(line.toString());
        buffered++;
    }

    public int buffered() {
        return buffered;
    }

    /** Inserts everything buffered, one insert per table. */
    public void flush() {
        for (Map.Entry<String, List<String>> entry : buffer.entrySet()) {
            clickhouse.insert(ViewLayout.q(database) + "." + ViewLayout.q(entry.getKey() + "__rows"), entry.getValue());
        }
        buffer.clear();
        buffered = 0;
    }

    private void ensureLayout(VersionedRow row) {
        String name = viewName(row.table());
        Integer known = layoutSchema.get(name);
        if (known != null && known == row.valueSchemaId()) {
            return;
        }
        Schema envelope = registry.schemaById(row.valueSchemaId());
        Schema rowSchema = io.driftwatch.engine.sink.ClickHouseTypes.nonNull(envelope.getField("after").schema());
        List<String> keyColumns = row.keySchemaId() < 0 ? List.of()
                : registry.schemaById(row.keySchemaId()).getFields().stream().map(Schema.Field::name).toList();
        ViewLayout layout = new ViewLayout(database, name, keyColumns, rowSchema, regions);
        if (known == null) {
            layout.createStatements().forEach(clickhouse::execute);
            EmptyLayouts.rebuildIfKeysDiffer(clickhouse, database, name, layout.rowsTable(), keyTypes(rowSchema, keyColumns), layout.createStatements());
            OutdatedViews.replace(clickhouse, database, name, layout.createView());
            columns.put(name, existingColumns(name));
        }
        Map<String, String> have = columns.computeIfAbsent(name, this::existingColumns);
        List<Schema.Field> added = rowSchema.getFields().stream().filter(f -> !have.containsKey(f.name())).toList();
        List<Schema.Field> retyped = rowSchema.getFields().stream()
                .filter(f -> have.containsKey(f.name()) && !keyColumns.contains(f.name()) && !sameType(have.get(f.name()), ClickHouseTypes.of(f.schema())))
                .toList();
        if (!added.isEmpty() || !retyped.isEmpty()) {
            // A new nullable or defaulted column: older rows read its default. A column whose type
            // changed (a table moved to a versioned topic): ClickHouse converts the stored values.
            // Either way the view is rebuilt to show it.
            flush();
            String rows = ViewLayout.q(database) + "." + ViewLayout.q(layout.rowsTable());
            for (Schema.Field field : added) {
                // Not "ADD COLUMN IF NOT EXISTS": ClickHouse 18.16 does not know it. Another subtask
                // may add the same column at the same moment; that is fine.
                try {
                    clickhouse.execute("ALTER TABLE " + rows + " ADD COLUMN " + ViewLayout.q(field.name()) + " " + ClickHouseTypes.of(field.schema()));
                } catch (ClickHouseHttp.ClickHouseException e) {
                    if (e.getMessage() == null || !e.getMessage().contains("already exists")) {
                        throw e;
                    }
                }
            }
            for (Schema.Field field : retyped) {
                clickhouse.execute("ALTER TABLE " + rows + " MODIFY COLUMN " + ViewLayout.q(field.name()) + " " + ClickHouseTypes.of(field.schema()));
            }
            clickhouse.execute("DROP TABLE IF EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(name));
            clickhouse.execute(layout.createView());
            columns.put(name, existingColumns(name));
        }
        layoutSchema.put(name, row.valueSchemaId());
    }

    /** The ClickHouse types of {@code keyColumns}, as a layout of {@code rowSchema} has them. */
    static Map<String, String> keyTypes(Schema rowSchema, List<String> keyColumns) {
        Map<String, String> types = new LinkedHashMap<>(ViewLayout.columnTypes(rowSchema, keyColumns));
        types.keySet().retainAll(keyColumns);
        return types;
    }

    private static boolean sameType(String a, String b) {
        return a.replaceAll("\\s", "").equals(b.replaceAll("\\s", ""));
    }

    private Map<String, String> existingColumns(String name) {
        Map<String, String> types = new HashMap<>();
        clickhouse.query("SELECT name, type FROM system.columns WHERE database = '" + database + "' AND table = '" + name + "__rows'")
                .forEach(n -> types.put(n.get("name").asText(), n.get("type").asText()));
        return types;
    }
}
