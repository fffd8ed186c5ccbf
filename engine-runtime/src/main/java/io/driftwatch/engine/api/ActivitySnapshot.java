package io.driftwatch.engine.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ever-growing counters of the pipeline's two ends at one moment, per region: what PostgreSQL
 * committed and wrote to its WAL, and how many transactions became visible in the views. Two
 * snapshots apart in time give each end's throughput; one alone says nothing about rates.
 *
 * @param sources  region → its PostgreSQL's counters; a region whose server did not answer is absent
 * @param visible  region → transactions the views made visible so far; empty before the first, or when ClickHouse did not answer
 * @param problems what could not be read this time, in plain words
 */
public record ActivitySnapshot(Instant at, Map<String, Source> sources, Map<String, Long> visible, List<String> problems) {
    public ActivitySnapshot {
        sources = Map.copyOf(sources);
        visible = Map.copyOf(visible);
        problems = List.copyOf(problems);
    }

    /**
     * One region's database as {@code pg_stat_database} and the WAL report it.
     *
     * @param commits     transactions committed in the database since its statistics were reset
     * @param walPosition the current WAL write position in bytes ({@code pg_current_wal_lsn()})
     */
    public record Source(long commits, long walPosition) {}
}
