package io.driftwatch.engine.sink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every captured table its consistent view before the table's first row arrives.
 *
 * <p>Why: the job lays a table out in ClickHouse when its first change passes, because that is
 * when Debezium first describes the table; a table without rows would have no view, and a reader
 * listing the views would find it missing. This lays such a table out from the source's catalog
 * (an empty view of the same name, database and kind: merged or per region). When the first
 * change does arrive, {@link ViewWriter} and {@link MergedWriter} find the layout there and bring
 * it to the registered schema: they add and retype columns, and rebuild a still-empty table whose
 * key columns were typed otherwise ({@link EmptyLayouts}).
 */
public final class EmptyTableViews {
    private final ClickHouseHttp clickhouse;
    private final String database;
    private final List<String> regions;
    private final Set<String> mergedTables;
    private final Set<String> laidOut = new HashSet<>();

    /**
     * @param regions the regions whose cuts the views read (every region of the pipeline)
     * @param mergedTables the tables ({@code schema.table}) merged across regions
     */
    public EmptyTableViews(ClickHouseHttp clickhouse, String database, List<String> regions, Set<String> mergedTables) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.regions = List.copyOf(regions);
        this.mergedTables = Set.copyOf(mergedTables);
    }

    /** Lays out each of {@code tables} that has no view yet; returns the views it created. */
    public List<String> ensure(List<TableShape> tables) {
        List<String> created = new ArrayList<>();
        Set<String> existing = null;
        for (TableShape table : tables) {
            String view = ViewWriter.viewName(table.table());
            if (laidOut.contains(view)) {
                continue;
            }
            if (existing == null) {
                existing = new HashSet<>();
                for (var row : clickhouse.query("SELECT name FROM system.tables WHERE database = '" + database.replace("'", "") + "'")) {
                    existing.add(row.get("name").asText());
                }
            }
            boolean merged = mergedTables.contains(table.table());
            if (merged && table.keyColumns().isEmpty()) {
                // The job refuses to merge a table without a key and says so; no view to promise.
                continue;
            }
            if (merged && existing.contains(view + "__rows")) {
                // A table that joined the merge section while it had a per-region view.
                MergeAdoption.adoptIfJoined(clickhouse, new MergedLayout(database, view, table.keyColumns(), table.rowSchema()));
            } else if (!existing.contains(view)) {
                List<String> statements = merged
                        ? new MergedLayout(database, view, table.keyColumns(), table.rowSchema()).createStatements()
                        : new ViewLayout(database, view, table.keyColumns(), table.rowSchema(), regions).createStatements();
                statements.forEach(clickhouse::execute);
                created.add(view);
            }
            laidOut.add(view);
        }
        return created;
    }
}
