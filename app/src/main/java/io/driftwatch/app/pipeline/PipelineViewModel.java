package io.driftwatch.app.pipeline;

import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.ServerStatus;
import java.util.List;
import java.util.stream.Collectors;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LatencySummary;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pipeline screen's state: the servers of the stack with their health, and a one-line
 * summary. Fed on the FX thread by the stack monitor; knows nothing of controls.
 */
public final class PipelineViewModel {
    private final ObservableList<ServerRow> servers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("The local stack is not started.");
    private final ReadOnlyStringWrapper processing = new ReadOnlyStringWrapper("The processing job is not running yet.");

    public ObservableList<ServerRow> servers() {
        return servers;
    }

    /** The processing job as Flink reports it, and commit-to-visible latency. */
    public ReadOnlyStringProperty processingProperty() {
        return processing.getReadOnlyProperty();
    }

    /**
     * A fresh reading of the processing job from Flink's REST API (null: not reachable, with
     * {@code problem} saying why) and the engine's latency over the last interval.
     */
    public void processing(FlinkJobs.Job job, String problem, LatencySummary latency) {
        if (job == null) {
            processing.set("Flink's REST API does not answer" + (problem == null ? "." : ": " + problem));
            return;
        }
        FlinkJobs.Checkpoints c = job.checkpoints();
        String checkpoints = c.lastId() < 0 ? "no checkpoint completed yet"
                : String.format("%,d checkpoints completed, %d failed; the last took %,d ms and holds %s", c.completed(), c.failed(),
                c.lastDurationMs(), Bytes.human(c.lastStateSizeBytes()));
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

    /** A fresh snapshot of the whole pipeline: its servers and how far the traffic got. */
    public void update(PipelineStatus status) {
        update(status.servers());
        String servers = summary.get();
        summary.set(String.format("%,d transactions committed, %,d changes captured (capture %s); orders: %,d committed, %s visible in "
                        + "the consistent view. %s", status.transactions(), status.captured(), status.captureState(),
                status.ordersCommitted(), status.ordersVisible() < 0 ? "none yet" : String.format("%,d", status.ordersVisible()), servers));
    }

    /** Attach mode, before the first probe: which file names which endpoints. */
    public void attaching(ConfiguredEndpoints endpoints) {
        servers.clear();
        summary.set("Attaching to the " + endpoints.endpoints().size() + " endpoints named in " + endpoints.source() + " …");
    }

    /**
     * Attach mode: a fresh reachability probe of the configured endpoints. Names where each
     * endpoint that does not answer was looked for, since that is what an operator checks next.
     */
    public void attached(ConfiguredEndpoints endpoints, List<ServerStatus> status) {
        servers.setAll(status.stream().map(PipelineViewModel::row).toList());
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
        return new ServerRow(name, region, s.pid(), s.port(), s.up(), Bytes.human(s.dataBytes()));
    }

    /** Human-readable sizes. */
    static final class Bytes {
        private Bytes() {}

        static String human(long bytes) {
            if (bytes < 0) return "?";
            if (bytes < 1024) return bytes + " B";
            double v = bytes;
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            int i = -1;
            while (v >= 1024 && i < units.length - 1) {
                v /= 1024;
                i++;
            }
            return String.format("%.1f %s", v, units[i]);
        }
    }
}
