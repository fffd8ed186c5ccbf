package io.driftwatch.engine.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Advances the views' cut ({@link ViewCut}) to what the job has published. Whoever calls
 * {@link #advance} decides <em>when</em>: the job right after it publishes (each view consistent
 * on its own), or the SQL gateway only while none of its queries runs (every query one cut).
 */
public final class CutKeeper {
    private final ClickHouseHttp clickhouse;
    private final String database;
    private boolean merging;
    private boolean published;
    private Map<String, Long> cut;
    private long tablesCheckedAt = System.nanoTime() - RECHECK_NANOS;
    private static final long RECHECK_NANOS = 2_000_000_000L;

    public CutKeeper(ClickHouseHttp clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
        clickhouse.execute(ViewLayout.createDatabase(database));
        clickhouse.execute(ViewCut.create(database));
    }

    /**
     * The sources whose published position is ahead of the cut (empty: nothing to do). The cut is
     * read from ClickHouse the first time and then remembered, which is right for a keeper that is
     * the cut's only writer (the gateway) and for one that advances it once (the job at start).
     */
    public Map<String, Long> pending() {
        long now = System.nanoTime();
        if (!merging && now - tablesCheckedAt >= RECHECK_NANOS) {
            // Which published tables exist changes only when the job creates them: looked at every
            // few seconds, not on every call (the gateway calls this every few milliseconds).
            tablesCheckedAt = now;
            merging = exists(MergedLayout.MERGE_VISIBILITY);
            published = merging || exists(ViewLayout.VISIBILITY);
        }
        if (!published) {
            return Map.of();
        }
        if (cut == null) {
            cut = new HashMap<>(read(ViewCut.current(database)));
        }
        return ViewCut.advances(read(ViewCut.published(database, merging)), cut);
    }

    /** Writes {@code advances} (from {@link #pending}) into the cut. */
    public void apply(Map<String, Long> advances) {
        String insert = ViewCut.insert(database, advances);
        if (insert != null) {
            clickhouse.execute(insert);
            if (cut != null) {
                cut.putAll(advances);
            }
        }
    }

    /** Advances the cut to everything published, at once. */
    public Map<String, Long> advance() {
        Map<String, Long> advances = pending();
        apply(advances);
        return advances;
    }

    private boolean exists(String table) {
        return clickhouse.query("EXISTS TABLE " + ViewLayout.q(database) + "." + ViewLayout.q(table)).get(0).path("result").asInt() == 1;
    }

    private Map<String, Long> read(String sql) {
        Map<String, Long> positions = new HashMap<>();
        for (JsonNode row : clickhouse.query(sql)) {
            positions.put(row.get("source").asText(), row.get("position").asLong());
        }
        return positions;
    }
}
