package io.driftwatch.engine.sink;

import io.driftwatch.engine.registry.SchemaRegistryClient;
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

    private final ClickHouseHttp clickhouse;
    private final SchemaRegistryClient registry;
    private final String database;
    private final List<String> regions;
    private final Map<String, List<String>> buffer = new LinkedHashMap<>();
    private final Map<String, Integer> layoutSchema = new HashMap<>();
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    private int buffered;
    /** Source table → view name: the name's regular expression ran twice per row before. */
    private final Map<String, String> views = new HashMap<>();

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
        String name = views.computeIfAbsent(row.table(), ViewWriter::viewName);
        ensureLayout(row, name);
        buffer.computeIfAbsent(name, t -> new ArrayList<>()).add(line(row));
        buffered++;
    }

    /**
     * The row's JSONEachRow line: its image with Driftwatch's columns appended. Appended as text:
     * parsing the image into a tree and writing it out again cost more than the rest of the
     * write (the image is JSON already, made by the decoder).
     */
    static String line(VersionedRow row) {
        String image = row.rowJson().strip();
        if (image.length() < 2 || image.charAt(0) != '{' || image.charAt(image.length() - 1) != '}') {
            throw new IllegalArgumentException("row image of " + row.table() + " is not a JSON object: " + abbreviate(image));
        }
        int last = image.length() - 2; // the image's last character before its closing brace
        while (last > 0 && Character.isWhitespace(image.charAt(last))) {
            last--;
        }
        StringBuilder line = new StringBuilder(image.length() + 192).append(image, 0, image.length() - 1);
        if (last > 0) {
            line.append(','); // the image has fields of its own
        }
        line.append("\"_version\":").append(row.version())
                .append(",\"_deleted\":").append(row.deleted() ? 1 : 0)
                .append(",\"_region\":");
        quoted(line, row.region()).append(",\"_txid\":");
        quoted(line, row.txId()).append(",\"_lsn\":").append(row.lsn())
                .append(",\"_source_ts\":").append(row.sourceTsMs());
        if (row.keySchemaId() < 0) {
            quoted(line.append(",\"_row\":"), row.rowKey());
        }
        return line.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder line, String value) {
        if (value == null) {
            return line.append("null");
        }
        return line.append('"').append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
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

    private void ensureLayout(VersionedRow row, String name) {
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
