package io.driftwatch.engine.sink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A layout {@link EmptyTableViews} made from the catalog, met by the table's first change: if its
 * key columns were typed otherwise than the registered schema types them and it holds no rows
 * yet, it is dropped and made again from the registered schema. Key columns are the sorting key,
 * which ClickHouse cannot retype in place; other columns {@link ViewWriter} retypes itself.
 */
final class EmptyLayouts {
    private EmptyLayouts() {}

    /**
     * @param store the table that holds the rows ({@code <table>__rows} or {@code <table>__merged})
     * @param keyTypes the registered key columns' ClickHouse types
     * @param create the statements that make the layout again
     */
    static void rebuildIfKeysDiffer(ClickHouseHttp clickhouse, String database, String view, String store, Map<String, String> keyTypes,
                                    List<String> create) {
        Map<String, String> have = new HashMap<>();
        clickhouse.query("SELECT name, type FROM system.columns WHERE database = '" + database.replace("'", "") + "' AND table = '"
                        + store.replace("'", "") + "'")
                .forEach(n -> have.put(n.get("name").asText(), n.get("type").asText()));
        boolean differ = keyTypes.entrySet().stream()
                .anyMatch(k -> !k.getValue().replaceAll("\\s", "").equals(have.getOrDefault(k.getKey(), "").replaceAll("\\s", "")));
        if (!differ) {
            return;
        }
        String table = ViewLayout.q(database) + "." + ViewLayout.q(store);
        if (!clickhouse.query("SELECT count() AS n FROM " + table).get(0).get("n").asText().equals("0")) {
            return;
        }
        clickhouse.execute("DROP TABLE IF EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(view));
        clickhouse.execute("DROP TABLE IF EXISTS " + table);
        create.forEach(clickhouse::execute);
    }
}
