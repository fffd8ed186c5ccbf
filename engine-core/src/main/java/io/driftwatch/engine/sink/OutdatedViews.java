package io.driftwatch.engine.sink;

/**
 * Replaces a view made by an earlier Driftwatch, whose definition reads the published position
 * instead of the cut ({@link ViewCut}). Views are created "IF NOT EXISTS", so without this an
 * upgraded pipeline would keep showing the old definition.
 */
final class OutdatedViews {
    private OutdatedViews() {}

    static void replace(ClickHouseHttp clickhouse, String database, String view, String createView) {
        String statement;
        try {
            statement = clickhouse.query("SHOW CREATE TABLE " + ViewLayout.q(database) + "." + ViewLayout.q(view)).get(0).path("statement").asText();
        } catch (ClickHouseHttp.ClickHouseException missing) {
            clickhouse.execute(createView);
            return;
        }
        if (!ViewCut.readsTheCut(statement, database)) {
            // Readers see the view missing for the moment between the two statements (ClickHouse
            // 18.16 has no CREATE OR REPLACE VIEW); it happens once, at the upgrade.
            clickhouse.execute("DROP TABLE IF EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(view));
            clickhouse.execute(createView);
        }
    }
}
