package io.driftwatch.engine.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The demo's pipeline running on this machine, as the console operates it: the same pipeline an
 * attached console reaches ({@link #attached()}), plus what only a demo has — its own traffic and
 * an end-to-end verification. Started by the app's composition root; every screen works through
 * this interface and the attached pipeline.
 */
public interface DemoPipeline extends AutoCloseable {

    /** The servers as readers use them: ClickHouse is the SQL gateway, so every query reads one cut. */
    StackEndpoints endpoints();

    /** The pipeline as its engine reports it: status, alerts, commands. */
    AttachedPipeline attached();

    /** Which region processes, with failover and failback as commands to the engine; empty with one region. */
    Optional<RegionControl> regionControl();

    /** The processing job's Flink REST API, where the engine reports it; fails while the engine reports no running job. */
    FlinkJobs flinkJobs();

    /** Each server's state and the pipeline's progress. */
    PipelineStatus status();

    /** Commit→visible of the transactions made visible in the last {@code window}. */
    LatencySummary latency(Duration window);

    /** Starts GlobalMart's traffic: {@code ratePerSecond} transactions per second in the primary region, half as many in each other. */
    void startWorkload(int ratePerSecond, Duration duration);

    /** Waits for the workload to finish; rethrows its failure. */
    void awaitWorkload(Duration timeout) throws Exception;

    /** Every view against its source, once the views have caught up (at most {@code timeout}). */
    VerifyReport verify(Duration timeout) throws Exception;

    /** Stops the engine and the stack it started. */
    @Override
    void close();
}
