package io.driftwatch.engine.fault;

import io.driftwatch.engine.stack.Signal;
import java.time.Duration;
import java.util.List;

/** The faults every drill knows, one per server the pipeline depends on. */
public final class Faults {
    private Faults() {}

    /** kill -9 of a region's Kafka broker, restarted on the same port and data. */
    public static Fault kafkaKill(String region) {
        String server = "kafka-" + region;
        return new Fault("kafka-kill", "kill -9 of the Kafka broker (" + region + "), then a restart on its data", server,
                c -> c.stack().stop(server, Signal.KILL), c -> c.stack().restart(server));
    }

    /**
     * kill -9 of the Kafka broker of the other region, the target of MirrorMaker 2's flow from
     * {@code region}, restarted on its data: the region's pipeline keeps running, and the copies of
     * its topics must catch up once the target answers again.
     */
    public static Fault mirrorTargetKill(String region, String targetRegion) {
        String server = "kafka-" + targetRegion;
        return new Fault("mirror-target-kill", "kill -9 of the Kafka broker (" + targetRegion + ") MirrorMaker 2 copies " + region
                + " into, then a restart on its data", server, c -> c.stack().stop(server, Signal.KILL), c -> c.stack().restart(server));
    }

    /** kill -9 of ClickHouse, restarted on the same port and data. */
    public static Fault clickhouseKill() {
        return new Fault("clickhouse-kill", "kill -9 of ClickHouse, then a restart on its data", "clickhouse",
                c -> c.stack().stop("clickhouse", Signal.KILL), c -> c.stack().restart("clickhouse"));
    }

    /** A fast shutdown of a region's PostgreSQL (every connection cut), then a start: the slot must survive. */
    public static Fault postgresRestart(String region) {
        String server = "postgres-" + region;
        return new Fault("postgres-restart", "PostgreSQL (" + region + ") shut down (fast: every session cut) and started again",
                server, c -> c.stack().stop(server, Signal.INT), c -> c.stack().restart(server));
    }

    /**
     * The schema registry down, during which a column is added to a captured table, so capture
     * must register a new schema version while the registry cannot answer.
     */
    public static Fault registryDown() {
        return new Fault("registry-down", "the schema registry killed; a column is added to a live table while it is down, "
                + "so capture needs a new schema version", "registry",
                c -> {
                    c.stack().stop("registry", Signal.KILL);
                    c.load().addColumn("note_" + System.currentTimeMillis() % 100_000);
                },
                c -> c.stack().restart("registry"));
    }

    /** The filesystem under the views' tables filled to the last byte, then space freed again. */
    public static Fault clickhouseDiskFull() {
        return new Fault("clickhouse-disk-full", "the filesystem holding the views' tables in ClickHouse fills up "
                + "(a size-limited tmpfs under the database, filled by another file), then the file is deleted", "clickhouse",
                c -> c.disk().fill(), c -> {
                    c.disk().free();
                    return Duration.ZERO;
                });
    }

    /** Every fault, in the order a full drill runs them. */
    public static List<Fault> all(String region) {
        return List.of(kafkaKill(region), clickhouseKill(), postgresRestart(region), registryDown(), clickhouseDiskFull());
    }
}
