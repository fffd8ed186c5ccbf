package io.driftwatch.engine.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table that joins the {@code merge} section of a running pipeline: its view was the per-region
 * one ({@code <table>} over {@code <table>__rows}); from now on its changes go to the merge.
 *
 * <p>Adopting it seeds the merged table with the newest version of every key the per-region rows
 * hold (the newest by the source's commit time, then commit position), numbered 0 in the merge
 * sequence so that every change merged from now on supersedes it, and then replaces the view by
 * the merged one. Seeding twice writes the same rows again (they collapse), so the job and the
 * engine may both adopt the same table, and a crash halfway through does no harm. What cannot be
 * seeded: the merge's per-key state (version vectors, each region's contribution to a counter,
 * a set's tags), which starts at the join; a counter or set column counts changes from then on.
 */
public final class MergeAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(MergeAdoption.class);

    private MergeAdoption() {}

    /** Adopts {@code layout}'s table if its view is still the per-region one; whether it did. */
    public static boolean adoptIfJoined(ClickHouseHttp clickhouse, MergedLayout layout) {
        String database = layout.database();
        String rows = layout.table() + "__rows";
        String statement;
        try {
            statement = clickhouse.query("SHOW CREATE TABLE " + ViewLayout.q(database) + "." + ViewLayout.q(layout.table())).get(0)
                    .path("statement").asText();
        } catch (ClickHouseHttp.ClickHouseException missing) {
            return false;
        }
        if (!statement.contains(rows)) {
            return false;
        }
        layout.createStatements().forEach(clickhouse::execute);
        clickhouse.execute(seed(layout));
        clickhouse.execute("DROP TABLE IF EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(layout.table()));
        clickhouse.execute(layout.createView());
        long keys = Long.parseLong(clickhouse.query("SELECT count() AS n FROM " + ViewLayout.q(database) + "." + ViewLayout.q(layout.table()))
                .get(0).get("n").asText());
        LOG.warn("{} joined the merge: its merged view starts from the newest per-region version of each of its {} key(s); the merge's "
                + "state for them (version vectors, counter contributions, set tags) starts now", layout.table(), keys);
        return true;
    }

    /** The newest live version of each key in the per-region rows, as merged rows at sequence 0. */
    static String seed(MergedLayout layout) {
        List<String> keys = layout.keyColumns();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (org.apache.avro.Schema.Field field : layout.rowSchema().getFields()) {
            String c = ViewLayout.q(field.name());
            columns.add(c);
            values.add(keys.contains(field.name()) ? c : "tupleElement(argMax(tuple(" + c + "), (_source_ts, _version)), 1) AS " + c);
        }
        String db = ViewLayout.q(layout.database());
        return "INSERT INTO " + db + "." + ViewLayout.q(layout.mergedTable()) + " (" + String.join(", ", columns)
                + ", _seq, _deleted, _vector, _hlc) SELECT " + String.join(", ", values) + ", toUInt64(0), toUInt8(0), '', '' FROM "
                + db + "." + ViewLayout.q(layout.table() + "__rows") + " GROUP BY "
                + keys.stream().map(ViewLayout::q).collect(Collectors.joining(", "))
                + " HAVING argMax(_deleted, (_source_ts, _version)) = 0";
    }
}
