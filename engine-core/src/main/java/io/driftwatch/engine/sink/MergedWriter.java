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
 * Writes merged row versions and conflict records in batches, creating a merged table and its
 * view the first time the table appears. Idempotent like {@link ViewWriter}: a version written
 * again is the same (key, seq) and collapses.
 */
public final class MergedWriter {
    private final ClickHouseHttp clickhouse;
    private final SchemaRegistryClient registry;
    private final String database;
    private final Map<String, List<String>> buffer = new LinkedHashMap<>();
    private final List<String> conflicts = new ArrayList<>();
    private final Map<String, Set<String>> columnsByTable = new HashMap<>();

    public MergedWriter(ClickHouseHttp clickhouse, SchemaRegistryClient registry, String database) {
        this.clickhouse = clickhouse;
        this.registry = registry;
        this.database = database;
        clickhouse.execute(ViewLayout.createDatabase(database));
        clickhouse.execute(MergedLayout.createMergeVisibility(database));
        clickhouse.execute(MergedLayout.createConflicts(database));
        clickhouse.execute(MergedLayout.createAudit(database));
    }

    /** The columns of the merged table of {@code sourceTable}, creating it from the registered schemas if needed. */
    public Set<String> columns(String sourceTable, int valueSchemaId, int keySchemaId) {
        String name = ViewWriter.viewName(sourceTable);
        Set<String> known = columnsByTable.get(name);
        if (known != null) {
            return known;
        }
        Schema envelope = registry.schemaById(valueSchemaId);
        Schema rowSchema = ClickHouseTypes.nonNull(envelope.getField("after").schema());
        if (keySchemaId < 0) {
            throw new IllegalArgumentException("merged table " + sourceTable + " has no primary key: rows without a key cannot be merged");
        }
        List<String> keyColumns = registry.schemaById(keySchemaId).getFields().stream().map(Schema.Field::name).toList();
        MergedLayout layout = new MergedLayout(database, name, keyColumns, rowSchema);
        MergeAdoption.adoptIfJoined(clickhouse, layout);
        layout.createStatements().forEach(clickhouse::execute);
        EmptyLayouts.rebuildIfKeysDiffer(clickhouse, database, name, layout.mergedTable(), ViewWriter.keyTypes(rowSchema, keyColumns),
                layout.createStatements());
        OutdatedViews.replace(clickhouse, database, name, layout.createView());
        Set<String> columns = rowSchema.getFields().stream().map(Schema.Field::name).collect(Collectors.toUnmodifiableSet());
        columnsByTable.put(name, columns);
        return columns;
    }

    public void addRow(String sourceTable, String jsonLine) {
        buffer.computeIfAbsent(ViewWriter.viewName(sourceTable), t -> new ArrayList<>()).add(jsonLine);
    }

    public void addConflict(String jsonLine) {
        conflicts.add(jsonLine);
    }

    public boolean isEmpty() {
        return buffer.isEmpty() && conflicts.isEmpty();
    }

    /** Inserts the merged rows (one insert per table), then the conflict records. */
    public void flush() {
        for (Map.Entry<String, List<String>> entry : buffer.entrySet()) {
            clickhouse.insert(ViewLayout.q(database) + "." + ViewLayout.q(entry.getKey() + "__merged"), entry.getValue());
        }
        buffer.clear();
        clickhouse.insert(ViewLayout.q(database) + "." + ViewLayout.q(MergedLayout.CONFLICTS), conflicts);
        conflicts.clear();
    }
}
