package io.driftwatch.app.pipeline;

import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.ServerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Readings of a two-region stack shaped like the local demo's: capture, the job's source and the
 * views cover us-east-1 only; eu-west-1's servers run idle.
 */
final class Readings {
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private Readings() {}

    static List<ServerStatus> servers(boolean westKafkaUp) {
        return List.of(
                new ServerStatus("postgres-" + EAST, 1, 5432, true, true, 0),
                new ServerStatus("kafka-" + EAST, 2, 9092, true, true, 0),
                new ServerStatus("postgres-" + WEST, 3, 5433, true, true, 0),
                new ServerStatus("kafka-" + WEST, 4, 9093, westKafkaUp, westKafkaUp, 0),
                new ServerStatus("clickhouse", 5, 8123, true, true, 0));
    }

    static PipelineStatus status(long captured) {
        return new PipelineStatus(servers(true), 0, captured, 0, 0, "running", List.of(), java.util.Map.of());
    }

    /** After {@code seconds}: east's end offsets at {@code offsets}, its slot active and 4 KiB behind. */
    static LagSnapshot lag(int seconds, long offsets) {
        return new LagSnapshot(T0.plusSeconds(seconds),
                List.of(new LagSnapshot.SlotLag(EAST, "driftwatch_globalmart_us_east_1", true, 4096)),
                List.of(new LagSnapshot.PartitionLag(EAST, "globalmart.public.orders", 0, offsets / 2, offsets / 2 - 3, 3),
                        new LagSnapshot.PartitionLag(EAST, "globalmart.transaction", 0, offsets / 2, offsets / 2 - 4, 4)),
                List.of(new LagSnapshot.VisibilityLag(EAST, 100, 100, 0)), List.of());
    }

    static ActivitySnapshot activity(int seconds, long eastCommits, long eastWal, long eastVisible) {
        return new ActivitySnapshot(T0.plusSeconds(seconds),
                Map.of(EAST, new ActivitySnapshot.Source(eastCommits, eastWal), WEST, new ActivitySnapshot.Source(7, 1_000_000)),
                Map.of(EAST, eastVisible), List.of());
    }

    static FlinkJobs.Job job(long sourceRecordsIn, String assemblyBackpressure) {
        return new FlinkJobs.Job("j1", "driftwatch globalmart", "RUNNING", T0, new FlinkJobs.Checkpoints(3, 0, 0, 3, 100, 2048, T0),
                List.of(new FlinkJobs.Vertex("v1", "Source: capture " + EAST + " -> decode -> (END markers, dead letters)", 1, "RUNNING", "ok",
                                sourceRecordsIn, sourceRecordsIn),
                        new FlinkJobs.Vertex("v2", "assemble and write", 1, "RUNNING", assemblyBackpressure, sourceRecordsIn, 0)));
    }
}
