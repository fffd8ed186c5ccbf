package io.driftwatch.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * Flink's jobs as its REST API reports them — the local MiniCluster's and a standalone cluster's
 * alike: state, checkpoints (count, the last one's duration and size), each operator's
 * backpressure, failures and restarts. Blocking calls: run them off the FX thread.
 */
public interface FlinkJobs {
    /** A job and what the console shows of it. */
    record Job(String id, String name, String state, Instant started, Checkpoints checkpoints, List<Vertex> vertices) {}

    /** Checkpoint counts and the last completed one (duration -1 and size -1 before the first). */
    record Checkpoints(long completed, long failed, long inProgress, long lastId, long lastDurationMs, long lastStateSizeBytes,
                       Instant lastCompletedAt) {}

    /**
     * An operator chain: name, parallelism, backpressure level ({@code ok}, {@code low}, {@code high}; empty while sampling),
     * and the records its subtasks took in and sent on so far, summed ({@code -1} while Flink has not reported them).
     * A source chain's records in are the records it read from Kafka.
     */
    record Vertex(String id, String name, int parallelism, String status, String backpressure, long recordsIn, long recordsOut) {}

    /** One failure of a job: when, and the root cause's message. */
    record Failure(Instant at, String rootCause) {}

    /** The REST endpoint, e.g. {@code http://127.0.0.1:8081}. */
    String baseUrl();

    /** Every job the endpoint knows, newest first. */
    List<Job> jobs();

    /**
     * The job's failures, newest first: each task failure's time and the first line of its root
     * cause, as Flink's exception history keeps them. How an operator sees why the job restarted.
     */
    List<Failure> failures(String jobId);

    /** How often Flink restarted the job since it was submitted (its {@code numRestarts} metric; -1 while not reported). */
    long restarts(String jobId);

    /** The job's checkpoint counts and its newest completed checkpoint. */
    Checkpoints checkpoints(String jobId);
}
