package io.driftwatch.engine.service;

import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.EngineAlert;
import io.driftwatch.engine.api.EngineCapture;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.api.PipelineClients;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.StackEndpoints;

import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.nio.file.Path;

/**
 * {@link AttachedPipeline} for a pipeline its config file describes: the servers the config names
 * with the credentials it references (resolved from their files or environment variables), its
 * topic prefix and views database; its engines reached through their status and command topics.
 */
public record ConfiguredPipeline(StackEndpoints endpoints, String topicPrefix, String viewDatabase, String failoverPrimary)
        implements AttachedPipeline {

    /** A pipeline whose engine runs no failover controller. */
    public ConfiguredPipeline(StackEndpoints endpoints, String topicPrefix, String viewDatabase) {
        this(endpoints, topicPrefix, viewDatabase, null);
    }

    /**
     * The pipeline as a workstation reaches it: with the users of the config's {@code console}
     * section where it names them.
     *
     * @throws IllegalArgumentException naming the key and what to fix, for a config or secret that cannot be read
     */
    public static ConfiguredPipeline read(Path config) {
        return read(config, true);
    }

    /** @param asConsole with the {@code console} section's users (a workstation), or with the pipeline's own (its engine) */
    public static ConfiguredPipeline read(Path config, boolean asConsole) {
        try {
            PipelineConfig pipeline = new ConfigLoader().load(config);
            return new ConfiguredPipeline(asConsole ? PipelineEndpoints.forConsole(pipeline) : PipelineEndpoints.of(pipeline), pipeline.capture().topicPrefix(), PipelineEndpoints.viewDatabase(pipeline),
                    pipeline.failover() == null ? null : pipeline.failover().primaryOf(pipeline.regions()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The pipeline's failover controller as a {@link RegionControl}: the active region from its
     * engine's reports, the moves' figures from the views' database, a move as a command.
     *
     * @throws IllegalArgumentException when the config has no {@code failover} section
     */
    @Override
    public RegionControl regionControl(String operator, String reason) {
        return new CommandedRegions(this, operator, reason);
    }

    /**
     * Asks the pipeline's failover controller to move processing — to {@code region} (null: the
     * other region), or with {@code failback} back to the primary — and waits for its answer, which
     * comes once the views advance again in the new region. Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    @Override
    public Answer moveProcessing(boolean failback, String region, String operator, String reason, java.time.Duration timeout)
            throws InterruptedException {
        return ask(new Command.MoveProcessing(java.util.UUID.randomUUID().toString(), operator,
                System.currentTimeMillis(), failback, region, reason), timeout);
    }

    /**
     * The newest report of every engine of this pipeline that still reports (from the status topic
     * of every region that answers). Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    public java.util.List<EngineStatus> engines(java.time.Duration timeout) {
        java.util.Map<String, EngineStatus> newest = new java.util.TreeMap<>();
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (String region : endpoints.regionNames()) {
            StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
            try {
                StatusTopic.read(kafka.bootstrapServers(), kafka.security(), topicPrefix, timeout).engines()
                        .forEach((id, s) -> newest.merge(id, s, (a, b) -> a.heartbeatMs() >= b.heartbeatMs() ? a : b));
            } catch (RuntimeException e) {
                failures.add(region + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty() && failures.size() == endpoints.regionNames().size()) {
            throw new IllegalStateException("the engines' status could not be read: " + String.join("; ", failures));
        }
        long now = System.currentTimeMillis();
        java.util.List<EngineStatus> current = newest.values().stream().filter(s -> !s.stale(now)).toList();
        if (current.isEmpty()) {
            throw new IllegalStateException("no engine of " + topicPrefix + " reports on " + StatusTopic.name(topicPrefix)
                    + ": is ./driftwatch run --config running?");
        }
        return current;
    }

    /**
     * Why this workstation cannot give the pipeline's engine commands (its Kafka user may not write
     * the command topic), or empty when it can. Blocking: call it off the UI thread.
     */
    @Override
    public java.util.Optional<String> commandRefusal(java.time.Duration timeout) {
        return CommandAccess.refusal(endpoints, topicPrefix, timeout);
    }


    /**
     * Asks the pipeline's engine to resolve a conflict (a command on its command topic) and waits
     * for its answer. Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    @Override
    public Answer resolve(String conflictId, ConflictDesk.Choice choice, String operator, String reason, java.time.Duration timeout)
            throws InterruptedException {
        Command command = new Command.ResolveConflict(
                java.util.UUID.randomUUID().toString(), operator, System.currentTimeMillis(), conflictId,
                choice instanceof ConflictDesk.Choice.KeepSide k ? Integer.valueOf(k.index()) : null,
                choice instanceof ConflictDesk.Choice.EnterValue v ? v.value() : null, choice instanceof ConflictDesk.Choice.AcceptMerge, reason);
        return ask(command, timeout);
    }

    /**
     * Asks the engine that captures {@code region} to re-snapshot it (its slot was lost), and waits
     * for its answer. Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's Kafka takes the command or no engine answers within {@code timeout}
     */
    @Override
    public Answer resnapshot(String region, String operator, String reason, java.time.Duration timeout) throws InterruptedException {
        return ask(new Command.Resnapshot(java.util.UUID.randomUUID().toString(), operator,
                System.currentTimeMillis(), region, reason), timeout);
    }

    private Answer ask(Command command, java.time.Duration timeout) throws InterruptedException {
        CommandTopic.send(endpoints, topicPrefix, command);
        Command.Ack ack = CommandTopic.awaitAck(endpoints, topicPrefix, command.id(), timeout)
                .orElseThrow(() -> new IllegalStateException("the engine did not answer within " + timeout.toSeconds()
                        + " s: is driftwatch run --config running?"));
        return new Answer(ack.done(), ack.engine(), ack.message());
    }

    /** The conflict desk of the pipeline's views (reading; resolutions go through {@link #resolve}). */
    @Override
    public ConflictDesk conflictDesk() {
        return ConflictDesk.forEndpoints(endpoints, viewDatabase, topicPrefix);
    }

    /**
     * The alerts firing in the pipeline's engines, from the newest report of each engine on the
     * status topic of every region (engines silent for three intervals are left out: their alerts
     * are not current). Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    @Override
    public java.util.List<EngineAlert> engineAlerts(java.time.Duration timeout) {
        return engines(timeout).stream().flatMap(s -> s.alerts().stream()
                .map(a -> new EngineAlert(s.engine(), a.rule(), a.subject(), a.summary(), a.sinceMs()))).toList();
    }

    /**
     * Each region's capture as the engines report it (the newest report per region; engines that
     * do not capture a region are left out). Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    @Override
    public java.util.List<EngineCapture> captures(java.time.Duration timeout) {
        java.util.Map<String, EngineCapture> newest = new java.util.TreeMap<>();
        for (EngineStatus s : engines(timeout)) {
            for (EngineStatus.RegionCapture c : s.regions()) {
                if (!"elsewhere".equals(c.state())) {
                    newest.merge(c.region(), new EngineCapture(c.region(), c.state(), c.records(), c.lastError(), s.engine(), s.heartbeatMs()),
                            (a, b) -> a.reportedMs() >= b.reportedMs() ? a : b);
                }
            }
        }
        return java.util.List.copyOf(newest.values());
    }

    /**
     * The processing job's Flink REST API at the address its engine reports (where {@code run}
     * runs it), or empty while no engine reports a running job. Blocking: call it off the UI thread.
     *
     * @throws IllegalStateException when no region's status topic can be read, or no engine reports
     */
    @Override
    public java.util.Optional<FlinkJobs> flinkJobs(java.time.Duration timeout) {
        return engines(timeout).stream().filter(s -> s.job() != null && s.job().restUrl() != null && !"NONE".equals(s.job().state()))
                .max(java.util.Comparator.comparingLong(EngineStatus::heartbeatMs))
                .map(s -> PipelineClients.load().flinkJobs(s.job().restUrl()));
    }

    /** Commit→visible of the transactions made visible in the last {@code window}, from the views' latency table. */
    @Override
    public LatencySummary latency(java.time.Duration window) {
        StackEndpoints.ClickHouse ch = endpoints.clickhouse();
        try {
            io.driftwatch.engine.sink.LatencyTable.Summary recent = new io.driftwatch.engine.sink.LatencyTable(
                    new io.driftwatch.engine.sink.ClickHouseHttp(ch.url(), ch.user(), ch.password()), viewDatabase)
                    .visibleSince(System.currentTimeMillis() - window.toMillis());
            return new LatencySummary(recent.transactions(), recent.p50(), recent.p99());
        } catch (RuntimeException notYet) {
            return new LatencySummary(0, Double.NaN, Double.NaN); // the job has not created its tables yet
        }
    }

    @Override
    public LagSources lagSources() {
        return new LagSources(topicPrefix, io.driftwatch.engine.process.JobSettings.consumerGroup(topicPrefix), viewDatabase);
    }
}
