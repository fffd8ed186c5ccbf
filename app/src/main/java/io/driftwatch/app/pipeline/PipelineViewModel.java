package io.driftwatch.app.pipeline;

import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.ByteSize;
import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.ServerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pipeline screen's state: per region each stage's health and throughput, commit→visible
 * latency over the last minutes, the processing job as Flink reports it, and the servers of the
 * stack. Fed on the FX thread by the monitors; knows nothing of controls.
 */
public final class PipelineViewModel {
    /** How much latency history the chart keeps. */
    public static final Duration LATENCY_SPAN = Duration.ofMinutes(5);
    /** Each latency reading covers the transactions that became visible in this window before it. */
    public static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);

    private final ObservableList<ServerRow> servers = FXCollections.observableArrayList();
    private final ObservableList<StageTile> tiles = FXCollections.observableArrayList();
    private final ObservableList<LatencyPoint> latency = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper topologyNote = new ReadOnlyStringWrapper("Throughput appears once the pipeline runs.");
    private final Topology topology = new Topology();
    private final LatencyHistory latencyHistory = new LatencyHistory(LATENCY_SPAN);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("The local stack is not started.");
    private final ReadOnlyStringWrapper processing = new ReadOnlyStringWrapper("The processing job is not running yet.");

    public ObservableList<ServerRow> servers() {
        return servers;
    }

    /** Every region's stages, region after region, each in pipeline order. */
    public ObservableList<StageTile> tiles() {
        return tiles;
    }

    /** Commit→visible p50 and p99 over the last {@link #LATENCY_SPAN}, oldest first. */
    public ObservableList<LatencyPoint> latency() {
        return latency;
    }

    /** What the topology's figures are read from, or why there are none. */
    public ReadOnlyStringProperty topologyNoteProperty() {
        return topologyNote.getReadOnlyProperty();
    }

    /** A probe of the pipeline failed; the next one may succeed. */
    public void probeFailed(String reason) {
        topologyNote.set("The last reading failed: " + reason);
    }

    /** A fresh lag probe: replication slots and Kafka's end offsets, per region. */
    public void lag(LagSnapshot snapshot) {
        topology.lag(snapshot);
        tiles.setAll(topology.tiles());
    }

    /** A fresh reading of PostgreSQL's and the views' counters, per region. */
    public void activity(ActivitySnapshot snapshot) {
        topology.activity(snapshot);
        tiles.setAll(topology.tiles());
    }

    /** Attach mode: each region's capture as the pipeline's engines report it on their status topic. */
    public void captures(List<io.driftwatch.engine.api.EngineCapture> captures, Instant at) {
        topology.captures(captures, at);
        tiles.setAll(topology.tiles());
    }

    /** The processing job as Flink reports it, and commit-to-visible latency. */
    public ReadOnlyStringProperty processingProperty() {
        return processing.getReadOnlyProperty();
    }

    /**
     * A fresh reading of the processing job from Flink's REST API (null: not reachable, with
     * {@code problem} saying why) and the engine's latency over the last interval.
     */
    public void processing(FlinkJobs.Job job, String problem, LatencySummary latency, Instant at) {
        topology.job(job, problem, at);
        tiles.setAll(topology.tiles());
        latencyHistory.add(at, latency);
        this.latency.setAll(latencyHistory.points(at));
        if (job == null) {
            processing.set("Flink's REST API does not answer" + (problem == null ? "." : ": " + problem));
            return;
        }
        FlinkJobs.Checkpoints c = job.checkpoints();
        String checkpoints = c.lastId() < 0 ? "no checkpoint completed yet"
                : String.format("%,d checkpoint%s completed, %d failed; the last took %,d ms and holds %s", c.completed(),
                c.completed() == 1 ? "" : "s", c.failed(),
                c.lastDurationMs(), ByteSize.human(c.lastStateSizeBytes()));
        String pressured = job.vertices().stream().filter(v -> v.backpressure().equals("high") || v.backpressure().equals("low"))
                .map(v -> v.name() + " (" + v.backpressure() + ")").collect(Collectors.joining(", "));
        boolean sampled = job.vertices().stream().anyMatch(v -> !v.backpressure().isEmpty());
        String backpressure = pressured.isEmpty() ? (sampled ? "no backpressure" : "backpressure not sampled yet") : "backpressure: " + pressured;
        String visible = latency == null || latency.isEmpty() ? "no transaction became visible in the last seconds"
                : String.format("commit→visible p50 %.0f ms, p99 %.0f ms over %,d transactions", latency.p50Millis(), latency.p99Millis(),
                latency.transactions());
        processing.set(String.format("Job '%s' %s: %s; %s; %s.", job.name(), job.state().toLowerCase(), checkpoints, backpressure, visible));
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** A step of the stack's start-up. */
    public void progress(String line) {
        summary.set("Starting the local stack: " + line);
    }

    public void failed(String reason) {
        summary.set("The local stack failed: " + io.driftwatch.engine.api.SecretMask.mask(reason));
    }

    public void stopped() {
        servers.clear();
        tiles.clear();
        summary.set("The local stack is stopped.");
    }

    /** A fresh probe of every server. */
    public void update(List<ServerStatus> status) {
        servers.setAll(status.stream().map(PipelineViewModel::row).toList());
        long up = status.stream().filter(ServerStatus::up).count();
        String down = status.stream().filter(s -> !s.up()).map(ServerStatus::name).reduce((a, b) -> a + ", " + b).orElse("");
        summary.set(up == status.size()
                ? "All " + up + " servers of the local stack answer."
                : up + " of " + status.size() + " servers answer; down: " + down + ".");
    }

    /** A fresh snapshot of the whole pipeline, taken at {@code at}: its servers and how far the traffic got. */
    public void update(PipelineStatus status, Instant at) {
        update(status.servers());
        topology.status(status, at);
        tiles.setAll(topology.tiles());
        topologyNote.set("Rates between the last two readings, every few seconds, from PostgreSQL's statistics, the capture's status, "
                + "Kafka's end offsets, Flink's record counters and the views' latency table.");
        String servers = summary.get();
        summary.set(String.format("%,d transactions committed, %,d changes captured (capture %s); orders: %,d committed, %s visible in "
                        + "the consistent view. %s", status.transactions(), status.captured(), status.captureState(),
                status.ordersCommitted(), status.ordersVisible() < 0 ? "none yet" : String.format("%,d", status.ordersVisible()), servers)
                + (status.trafficSummary().isEmpty() ? "" : " " + status.trafficSummary() + "."));
    }

    /** Attach mode, before the first probe: which file names which endpoints. */
    public void attaching(ConfiguredEndpoints endpoints) {
        servers.clear();
        topologyNote.set("Rates between the last two readings, every few seconds, from PostgreSQL's statistics, the engine's status reports, "
                + "Kafka's end offsets, Flink's record counters (at the REST address the engine reports) and the views' latency table.");
        summary.set("Attaching to the " + endpoints.endpoints().size() + " endpoints named in " + endpoints.source() + " …");
    }

    /**
     * Attach mode: a fresh reachability probe of the configured endpoints. Names where each
     * endpoint that does not answer was looked for, since that is what an operator checks next.
     */
    public void attached(ConfiguredEndpoints endpoints, List<ServerStatus> status) {
        servers.setAll(status.stream().map(PipelineViewModel::row).toList());
        topology.servers(status);
        tiles.setAll(topology.tiles());
        long up = status.stream().filter(ServerStatus::up).count();
        String down = endpoints.endpoints().stream()
                .filter(e -> status.stream().anyMatch(s -> s.name().equals(e.name()) && !s.up()))
                .map(e -> e.name() + " (" + e.describe() + ")")
                .collect(Collectors.joining(", "));
        summary.set("Attached to " + endpoints.source() + ": " + (up == status.size()
                ? "all " + up + " endpoints accept connections."
                : up + " of " + status.size() + " endpoints accept connections; not answering: " + down + ".")
                + " Nothing is started or changed in attach mode.");
    }

    private static ServerRow row(ServerStatus s) {
        String name = s.name();
        String region = name.contains("-") && (name.startsWith("postgres-") || name.startsWith("kafka-"))
                ? name.substring(name.indexOf('-') + 1) : "shared";
        return new ServerRow(name, region, s.pid(), s.port(), s.up(), ByteSize.human(s.dataBytes()));
    }
}
