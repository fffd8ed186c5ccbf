package io.driftwatch.engine.metrics;

import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.service.PipelineReport;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's metrics, served for Prometheus at {@code http://BIND:PORT/metrics}.
 *
 * <p>Why callbacks over the latest readings: a scrape must not wait on PostgreSQL, Kafka or
 * ClickHouse, and must not multiply the load on them by the number of scrapers. The engine reads
 * its captures every status interval and the pipeline's systems every few seconds
 * ({@link #update}); a scrape only reads what was last read.
 */
public final class EngineMetrics implements AutoCloseable {
    /** The capture states, each exposed as its own series (1 for the current one). */
    private static final List<String> CAPTURE_STATES = List.of("starting", "running", "retrying", "failed", "stopped");
    private static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicReference<EngineStatus> engine = new AtomicReference<>();
    private final AtomicReference<PipelineReport> report = new AtomicReference<>();
    private HTTPServer server;

    public EngineMetrics() {
        GaugeWithCallback.builder().name("driftwatch_capture_state").help("1 for the capture's current state, per region")
                .labelNames("region", "state").callback(cb -> captures().forEach(c -> CAPTURE_STATES.forEach(s ->
                        cb.call(s.equals(c.state()) ? 1 : 0, c.region(), s)))).register(registry);
        CounterWithCallback.builder().name("driftwatch_capture_events_total").help("Row changes and markers capture has delivered to Kafka")
                .labelNames("region").callback(cb -> captures().forEach(c -> cb.call(c.records(), c.region()))).register(registry);
        CounterWithCallback.builder().name("driftwatch_capture_restarts_total").help("Restarts of capture after a failure")
                .labelNames("region").callback(cb -> captures().forEach(c -> cb.call(c.restarts(), c.region()))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_capture_behind_source_seconds")
                .help("How long after its commit the newest change capture delivered reached Kafka, per region (at the last change captured)")
                .unit(Unit.SECONDS).labelNames("region").callback(cb -> captures().stream().filter(c -> c.millisBehindSource() != null)
                        .forEach(c -> cb.call(c.millisBehindSource() / 1000.0, c.region()))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_job_running").help("1 while the processing job runs, 0 otherwise")
                .callback(cb -> {
                    EngineStatus s = engine.get();
                    if (s != null && s.job() != null && !"NONE".equals(s.job().state())) {
                        cb.call("RUNNING".equals(s.job().state()) ? 1 : 0);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("driftwatch_checkpoints_completed_total").help("Checkpoints the job completed since it started")
                .callback(cb -> checkpoints(c -> cb.call(c.completed()))).register(registry);
        CounterWithCallback.builder().name("driftwatch_checkpoints_failed_total").help("Checkpoints of the job that failed since it started")
                .callback(cb -> checkpoints(c -> cb.call(c.failed()))).register(registry);
        CounterWithCallback.builder().name("driftwatch_job_restarts_total").help("Restarts of the job after a failure since it started")
                .callback(cb -> checkpoints(c -> {
                    if (c.restarts() >= 0) {
                        cb.call(c.restarts());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("driftwatch_checkpoint_age_seconds").help("Time since the newest completed checkpoint")
                .unit(Unit.SECONDS).callback(cb -> checkpoints(c -> {
                    if (c.lastCompletedMs() >= 0) {
                        cb.call(c.ageSeconds(engine.get().heartbeatMs()));
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("driftwatch_checkpoint_duration_seconds").help("How long the newest completed checkpoint took")
                .unit(Unit.SECONDS).callback(cb -> checkpoints(c -> {
                    if (c.lastDurationMs() >= 0) {
                        cb.call(c.lastDurationMs() / 1000.0);
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("driftwatch_active_region").help("1 for the region processing reads from (with a failover controller)")
                .labelNames("region").callback(cb -> controller((s, c) -> cb.call(1, s.activeRegion()))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_failover_moving").help("1 while the failover controller moves processing to another region")
                .callback(cb -> controller((s, c) -> cb.call(c.movingSinceMs() >= 0 ? 1 : 0))).register(registry);
        CounterWithCallback.builder().name("driftwatch_failover_moves_total").help("Moves of processing between regions recorded in the views' database")
                .callback(cb -> controller((s, c) -> {
                    if (c.moves() >= 0) {
                        cb.call(c.moves());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("driftwatch_slot_retained_bytes").help("WAL the replication slot holds back, not yet confirmed by capture")
                .unit(Unit.BYTES).labelNames("region", "slot").callback(cb -> slots().forEach(s -> cb.call(s.lagBytes(), s.region(), s.slot())))
                .register(registry);
        GaugeWithCallback.builder().name("driftwatch_slot_active").help("1 while a consumer holds the replication slot")
                .labelNames("region", "slot").callback(cb -> slots().forEach(s -> cb.call(s.active() ? 1 : 0, s.region(), s.slot())))
                .register(registry);
        GaugeWithCallback.builder().name("driftwatch_slot_wal_status").help("1 for the slot's current wal_status (reserved, extended, unreserved, lost)")
                .labelNames("region", "slot", "status").callback(cb -> slots().stream().filter(s -> s.walStatus() != null).forEach(s ->
                        WAL_STATUSES.forEach(w -> cb.call(w.equals(s.walStatus()) ? 1 : 0, s.region(), s.slot(), w)))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_slot_safe_wal_bytes")
                .help("WAL that may still be written before the slot is at risk (only where max_slot_wal_keep_size is set)")
                .unit(Unit.BYTES).labelNames("region", "slot").callback(cb -> slots().stream().filter(s -> s.safeWalBytes() >= 0)
                        .forEach(s -> cb.call(s.safeWalBytes(), s.region(), s.slot()))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_consumer_lag_records").help("Records beyond the job's committed offset, per partition")
                .labelNames("region", "topic", "partition").callback(cb -> partitions().forEach(p ->
                        cb.call(p.lag(), p.region(), p.topic(), Integer.toString(p.partition())))).register(registry);
        GaugeWithCallback.builder().name("driftwatch_consumer_lag_seconds")
                .help("Age of the oldest record beyond the job's committed offset, per partition (0 without lag; absent when unknown)")
                .unit(Unit.SECONDS).labelNames("region", "topic", "partition").callback(cb -> partitions().stream().filter(p -> p.lagMillis() >= 0)
                        .forEach(p -> cb.call(p.lagMillis() / 1000.0, p.region(), p.topic(), Integer.toString(p.partition())))).register(registry);
        CounterWithCallback.builder().name("driftwatch_dead_letters_total")
                .help("Records the job sent to its dead-letter topic (driftwatch.<prefix>.dead-letters), each with the reason, per region's Kafka")
                .labelNames("region").callback(cb -> {
                    PipelineReport r = report.get();
                    if (r != null) {
                        r.deadLetters().forEach((region, n) -> cb.call(n, region));
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("driftwatch_mirror_lag_records")
                .help("Records in a region's capture topics that MirrorMaker 2 has not yet copied to the other region, per direction")
                .labelNames("source", "target").callback(cb -> mirror().forEach(f -> cb.call(f.behindRecords(), f.from(), f.to())))
                .register(registry);
        GaugeWithCallback.builder().name("driftwatch_mirror_lag_seconds")
                .help("How much older the newest copied record is than the newest original, at the worst partition, per direction")
                .unit(Unit.SECONDS).labelNames("source", "target").callback(cb -> mirror().forEach(f -> cb.call(f.behindMillis() / 1000.0, f.from(), f.to())))
                .register(registry);
        GaugeWithCallback.builder().name("driftwatch_visibility_lag_seconds").help("How long the oldest captured transaction not yet visible has waited")
                .unit(Unit.SECONDS).labelNames("region").callback(cb -> visibility().forEach(v -> cb.call(v.lagMillis() / 1000.0, v.region())))
                .register(registry);
        GaugeWithCallback.builder().name("driftwatch_commit_to_visible_seconds")
                .help("Commit to visible in the views, over the transactions made visible in the last minute").unit(Unit.SECONDS)
                .labelNames("quantile").callback(cb -> {
                    PipelineReport r = report.get();
                    if (r != null && r.commitToVisible() != null && r.commitToVisible().p50Millis() != null) {
                        cb.call(r.commitToVisible().p50Millis() / 1000.0, "0.5");
                        cb.call(r.commitToVisible().p99Millis() / 1000.0, "0.99");
                        cb.call(r.commitToVisible().maxMillis() / 1000.0, "1");
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("driftwatch_conflicts_open").help("Open conflicts waiting for an operator (oversells included)")
                .callback(cb -> conflicts(cb, false)).register(registry);
        GaugeWithCallback.builder().name("driftwatch_oversells_open").help("Open oversells: a counter driven below its floor by concurrent sales")
                .callback(cb -> conflicts(cb, true)).register(registry);
        GaugeWithCallback.builder().name("driftwatch_conflict_oldest_age_seconds")
                .help("How long the oldest open conflict has waited for an operator (0 when none is open)").unit(Unit.SECONDS)
                .callback(cb -> {
                    PipelineReport r = report.get();
                    if (r != null && r.conflicts() != null) {
                        cb.call(r.conflicts().oldestAgeSeconds(r.readAtMs()));
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("driftwatch_problems").help("Sources the engine could not read at its last reading")
                .callback(cb -> {
                    PipelineReport r = report.get();
                    if (r != null) {
                        cb.call(r.problems().size());
                    }
                }).register(registry);
    }

    /** Starts serving at {@code bind:port} (port 0: any free port). */
    public EngineMetrics serve(String bind, int port) throws IOException {
        server = HTTPServer.builder().hostname(bind).port(port).registry(registry).buildAndStart();
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** The engine's own state, read every status interval. */
    public void update(EngineStatus status) {
        engine.set(status);
    }

    /** What the pipeline's systems said at the latest reading. */
    public void update(PipelineReport latest) {
        report.set(latest);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    private List<EngineStatus.RegionCapture> captures() {
        EngineStatus s = engine.get();
        return s == null ? List.of() : s.regions();
    }

    /** Calls {@code use} with the job's checkpoint figures when this engine runs a job and Flink reported them. */
    private void checkpoints(java.util.function.Consumer<EngineStatus.Checkpoints> use) {
        EngineStatus s = engine.get();
        if (s != null && s.job() != null && s.job().checkpoints() != null) {
            use.accept(s.job().checkpoints());
        }
    }

    /** Calls {@code use} with the report and the controller's state when this engine runs a failover controller. */
    private void controller(java.util.function.BiConsumer<EngineStatus, EngineStatus.Controller> use) {
        EngineStatus s = engine.get();
        if (s != null && s.failover() != null && s.activeRegion() != null) {
            use.accept(s, s.failover());
        }
    }

    private List<LagSnapshot.SlotLag> slots() {
        PipelineReport r = report.get();
        return r == null ? List.of() : r.slots();
    }

    private List<LagSnapshot.PartitionLag> partitions() {
        PipelineReport r = report.get();
        return r == null ? List.of() : r.partitions();
    }

    private List<PipelineReport.Mirror> mirror() {
        PipelineReport r = report.get();
        return r == null ? List.of() : r.mirror();
    }

    private List<LagSnapshot.VisibilityLag> visibility() {
        PipelineReport r = report.get();
        return r == null ? List.of() : r.visibility();
    }

    private void conflicts(GaugeWithCallback.Callback cb, boolean oversells) {
        PipelineReport r = report.get();
        if (r != null && r.conflicts() != null) {
            cb.call(oversells ? r.conflicts().oversells() : r.conflicts().open());
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
