package io.driftwatch.engine.service;

import java.util.List;

/**
 * One report of a running engine ({@code driftwatch run}), as published on the status topic.
 *
 * @param version     the format's version ({@link StatusFormat#VERSION})
 * @param engine      which engine: {@code host/pid}, the record's key on the topic
 * @param heartbeatMs when the engine wrote this report (its wall clock)
 * @param everyMs     how often it writes one: a report older than a few of these is stale
 * @param activeRegion the region processing reads from; null while no failover controller runs
 * @param failover    the failover controller's state; null while none runs
 * @param sqlGateway  the SQL gateway's URL, or null without one
 * @param alerts      the alerts firing in the engine now (empty without an alerts section)
 */
public record EngineStatus(int version, String engine, String pipeline, String driftwatchVersion, long startedMs, long heartbeatMs,
                           long everyMs, List<RegionCapture> regions, Job job, String activeRegion, String sqlGateway, List<Alert> alerts,
                           Controller failover) {

    public EngineStatus {
        regions = regions == null ? List.of() : List.copyOf(regions);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** A report of an engine that runs no failover controller. */
    public EngineStatus(int version, String engine, String pipeline, String driftwatchVersion, long startedMs, long heartbeatMs,
                        long everyMs, List<RegionCapture> regions, Job job, String activeRegion, String sqlGateway, List<Alert> alerts) {
        this(version, engine, pipeline, driftwatchVersion, startedMs, heartbeatMs, everyMs, regions, job, activeRegion, sqlGateway, alerts, null);
    }

    /**
     * The failover controller's state: which region is the primary, whether it moves processing on
     * its own, and the move under way.
     *
     * @param detectionTimeoutMs how long the active region's Kafka may not answer before an automatic move; 0: commands only
     * @param movingSinceMs      when the move under way began, or -1 while none is
     * @param moves              the moves recorded so far (their figures are in the views' database, {@code _failovers})
     */
    public record Controller(String primary, long detectionTimeoutMs, long movingSinceMs, int moves) {}

    /** A report without alerts: an engine that evaluates none. */
    public EngineStatus(int version, String engine, String pipeline, String driftwatchVersion, long startedMs, long heartbeatMs,
                        long everyMs, List<RegionCapture> regions, Job job, String activeRegion, String sqlGateway) {
        this(version, engine, pipeline, driftwatchVersion, startedMs, heartbeatMs, everyMs, regions, job, activeRegion, sqlGateway, List.of());
    }

    /** An alert firing in the engine (its rules: docs/CONFIG.md, "alerts"), since when. */
    public record Alert(String rule, String subject, String summary, long sinceMs) {}

    /**
     * One region's capture as the engine sees it.
     *
     * @param state     {@code starting}, {@code running}, {@code retrying}, {@code failed}, {@code stopped} — or {@code elsewhere} when this engine does not capture
     * @param lastError the latest error, while the capture is not running; null otherwise
     */
    public record RegionCapture(String region, String state, long records, long restarts, String lastError, Long millisBehindSource) {
        /** A region's capture as engines before the lag behind the source reported it. */
        public RegionCapture(String region, String state, long records, long restarts, String lastError) {
            this(region, state, records, restarts, lastError, null);
        }
    }

    /**
     * The processing job as the engine sees it.
     *
     * @param state      Flink's job state ({@code RUNNING}, {@code RESTARTING}, …), or {@code NONE} when this engine runs no job
     * @param restoredFrom the checkpoint it resumed from, or null when it started from the beginning
     */
    public record Job(String state, String restUrl, String checkpointDir, String visibility, String restoredFrom, Checkpoints checkpoints) {
        /** A job whose checkpoint figures are not known (no job, or Flink's REST API did not answer). */
        public Job(String state, String restUrl, String checkpointDir, String visibility, String restoredFrom) {
            this(state, restUrl, checkpointDir, visibility, restoredFrom, null);
        }
    }

    /**
     * The job's checkpoints and restarts since it started, as Flink counts them.
     *
     * @param lastCompletedMs when the newest completed checkpoint was acknowledged, -1 before the first
     * @param lastDurationMs  how long it took from trigger to the last acknowledgement, -1 before the first
     */
    public record Checkpoints(long completed, long failed, long lastCompletedMs, long lastDurationMs, long restarts) {
        /** Seconds from the newest completed checkpoint to {@code atMs} (never negative); call only when {@code lastCompletedMs >= 0}. */
        public double ageSeconds(long atMs) {
            return Math.max(0, atMs - lastCompletedMs) / 1000.0;
        }
    }

    /** How old this report is at {@code nowMs}. */
    public long ageMillis(long nowMs) {
        return Math.max(0, nowMs - heartbeatMs);
    }

    /** Whether the engine has missed three reports by {@code nowMs}: stopped, or cut off from this Kafka. */
    public boolean stale(long nowMs) {
        return ageMillis(nowMs) > 3 * everyMs;
    }
}
