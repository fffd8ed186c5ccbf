package io.driftwatch.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline running elsewhere, as the console reaches it: its servers, topic prefix and views
 * database; what its engines report (alerts, captures, the job's REST API); and the commands the
 * console gives them (move processing, resolve a conflict, re-snapshot a region). Every reading
 * and command is blocking: call it off the UI thread. {@link PipelineClients#attach} reads one
 * from a config file.
 */
public interface AttachedPipeline {

    /** The engine's answer to a command. */
    record Answer(boolean done, String engine, String message) {}

    StackEndpoints endpoints();

    String topicPrefix();

    String viewDatabase();

    /** The primary region of the config's {@code failover} section, or null without one. */
    String failoverPrimary();

    /** Whether the config has a {@code failover} section: its engine runs the failover controller, which moves processing. */
    default boolean movesProcessing() {
        return failoverPrimary() != null;
    }

    /** Whether the config names the views' ClickHouse (its {@code processing} section): lag to the views and conflicts need it. */
    default boolean hasViews() {
        return endpoints().clickhouse() != null;
    }

    /**
     * The pipeline's failover controller as a {@link RegionControl}: the active region from its
     * engine's reports, the moves' figures from the views' database, a move as a command.
     *
     * @throws IllegalArgumentException when the config has no {@code failover} section
     */
    RegionControl regionControl(String operator, String reason);

    /**
     * Asks the failover controller to move processing — to {@code region} (null: the other
     * region), or with {@code failback} back to the primary — and waits for its answer, which comes
     * once the views advance again in the new region.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    Answer moveProcessing(boolean failback, String region, String operator, String reason, Duration timeout) throws InterruptedException;

    /** Why this workstation cannot give the pipeline's engine commands (its Kafka user may not write the command topic), or empty. */
    Optional<String> commandRefusal(Duration timeout);

    /**
     * Asks the engine to resolve a conflict and waits for its answer.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    Answer resolve(String conflictId, ConflictDesk.Choice choice, String operator, String reason, Duration timeout) throws InterruptedException;

    /**
     * Asks the engine that captures {@code region} to re-snapshot it (its slot was lost) and waits for its answer.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    Answer resnapshot(String region, String operator, String reason, Duration timeout) throws InterruptedException;

    /** The conflict desk of the pipeline's views (reading; resolutions go through {@link #resolve}). */
    ConflictDesk conflictDesk();

    /**
     * The alerts firing in the pipeline's engines (engines silent for three intervals are left out).
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    List<EngineAlert> engineAlerts(Duration timeout);

    /**
     * Each region's capture as the engines report it (the newest report per region).
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    List<EngineCapture> captures(Duration timeout);

    /**
     * The processing job's Flink REST API at the address its engine reports, or empty while no
     * engine reports a running job.
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    Optional<FlinkJobs> flinkJobs(Duration timeout);

    /** Commit→visible of the transactions made visible in the last {@code window}, from the views' latency table. */
    LatencySummary latency(Duration window);

    /** Where lag is read: the topics, the job's consumer group and the views' database. */
    LagSources lagSources();
}
