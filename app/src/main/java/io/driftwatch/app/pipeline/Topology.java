package io.driftwatch.app.pipeline;

import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.ByteSize;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.ServerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-region topology, PostgreSQL → capture → Kafka → mirror → Flink → ClickHouse, from the
 * latest reading of each source: each stage's health and throughput. Pure: readings in, tiles
 * out; each source arrives on its own schedule and replaces only its part.
 *
 * <p>Where each figure comes from: PostgreSQL's commits and WAL from {@code pg_stat_database};
 * capture's events from the capture's own status, in the region whose replication slot it holds;
 * Kafka's appended records from the end offsets of the pipeline's topics; Flink's from the record
 * counters of the job's source for the region; ClickHouse's visible transactions from the views'
 * latency table. MirrorMaker 2 runs in a stack of two regions (server {@code mirror}): its tile
 * shows whether it runs; its lag per direction and partition is on the Regions screen, which
 * reads it. With one region there is nothing to mirror, and the tile says so.
 */
final class Topology {
    /** Longer than Flink's default metric refresh (10 s): a source counter still for longer is idle. */
    private static final java.time.Duration FLINK_QUIET = java.time.Duration.ofSeconds(15);
    private final Rates rates = new Rates();
    private List<ServerStatus> servers = List.of();
    private PipelineStatus status;
    private LagSnapshot lag;
    private ActivitySnapshot activity;
    private FlinkJobs.Job job;
    private String flinkProblem;
    /** Per region, the capture an attached pipeline's engine reports; empty for the local pipeline, whose capture runs here. */
    private java.util.Map<String, io.driftwatch.engine.api.EngineCapture> engineCaptures = java.util.Map.of();

    void servers(List<ServerStatus> servers) {
        this.servers = List.copyOf(servers);
    }

    void status(PipelineStatus status, Instant at) {
        this.status = status;
        servers(status.servers());
        rates.update("captured", at, status.captured());
    }

    /**
     * Each region's capture as an attached pipeline's engines report it: its state, and its own
     * counter, so every region's rate is its own.
     */
    void captures(List<io.driftwatch.engine.api.EngineCapture> captures, Instant at) {
        engineCaptures = captures.stream().collect(java.util.stream.Collectors.toMap(io.driftwatch.engine.api.EngineCapture::region, c -> c));
        captures.forEach(c -> rates.update("captured/" + c.region(), at, c.records()));
    }

    void lag(LagSnapshot lag) {
        this.lag = lag;
        // Per region whose capture wrote the records: its own topics, or their copies in the cluster the job reads.
        lag.partitions().stream()
                .collect(java.util.stream.Collectors.groupingBy(this::origin,
                        java.util.stream.Collectors.summingLong(LagSnapshot.PartitionLag::endOffset)))
                .forEach((region, appended) -> rates.update("kafka/" + region, lag.at(), appended));
    }

    /** The region whose capture wrote a partition's records: the one a copy's name starts with, else the cluster's. */
    private String origin(LagSnapshot.PartitionLag partition) {
        return regions().stream().filter(r -> partition.topic().startsWith(r + ".")).findFirst().orElse(partition.region());
    }

    void activity(ActivitySnapshot activity) {
        this.activity = activity;
        activity.sources().forEach((region, source) -> {
            rates.update("commits/" + region, activity.at(), source.commits());
            rates.update("wal/" + region, activity.at(), source.walPosition());
        });
        activity.visible().forEach((region, n) -> rates.update("visible/" + region, activity.at(), n));
    }

    /** The job as Flink's REST API reports it; null with {@code problem} when the API did not answer. */
    void job(FlinkJobs.Job job, String problem, Instant at) {
        this.job = job;
        this.flinkProblem = problem;
        if (job != null) {
            for (String region : regions()) {
                source(region).filter(v -> v.recordsIn() >= 0)
                        .ifPresent(v -> rates.updateRefreshed("flink/" + region, at, v.recordsIn(), FLINK_QUIET));
            }
        }
    }

    /** The regions in the stack's order, from the PostgreSQL servers it runs ({@code postgres-<region>}). */
    List<String> regions() {
        return servers.stream().map(ServerStatus::name).filter(n -> n.startsWith("postgres-")).map(n -> n.substring("postgres-".length()))
                .toList();
    }

    /** Every region's stages, region after region, each in pipeline order. */
    List<StageTile> tiles() {
        List<StageTile> tiles = new ArrayList<>();
        for (String region : regions()) {
            tiles.add(postgres(region));
            tiles.add(capture(region));
            tiles.add(kafka(region));
            tiles.add(mirror(region));
            tiles.add(flink(region));
            tiles.add(clickhouse(region));
        }
        return tiles;
    }

    private StageTile mirror(String region) {
        Optional<ServerStatus> mirror = servers.stream().filter(s -> s.name().equals("mirror")).findFirst();
        if (mirror.isEmpty()) {
            boolean copied = lag != null && lag.partitions().stream().anyMatch(p -> regions().stream().anyMatch(r -> p.topic().startsWith(r + ".")));
            // Attached to a pipeline that reads copies: MirrorMaker 2 runs, outside what the config names.
            return copied ? new StageTile(region, Stage.MIRROR, Health.IDLE, "outside config",
                    "the job reads copies between the regions; their lag on Regions (Ctrl+6)")
                    : new StageTile(region, Stage.MIRROR, Health.NOT_CONFIGURED, "not configured", "no MirrorMaker 2 in this pipeline");
        }
        if (!mirror.get().up()) {
            return new StageTile(region, Stage.MIRROR, Health.DOWN, "down", "MirrorMaker 2 does not answer: copies to and from " + region + " wait");
        }
        return new StageTile(region, Stage.MIRROR, Health.OK, "running", "copies to and from " + region + "; lag on Regions (Ctrl+6)");
    }

    private StageTile postgres(String region) {
        if (!up("postgres-" + region)) {
            return new StageTile(region, Stage.POSTGRES, Health.DOWN, "down", "the server does not answer");
        }
        Optional<String> problem = problem(activity == null ? List.of() : activity.problems(), "PostgreSQL in " + region);
        if (problem.isPresent()) {
            return new StageTile(region, Stage.POSTGRES, Health.DOWN, "no reading", problem.get());
        }
        double commits = rates.latest("commits/" + region);
        if (Double.isNaN(commits)) {
            return waiting(region, Stage.POSTGRES);
        }
        return new StageTile(region, Stage.POSTGRES, Health.OK, perSecond(commits, "tx"),
                "commits; WAL " + ByteSize.human(Math.round(rates.latest("wal/" + region))) + "/s");
    }

    private StageTile capture(String region) {
        if (lag == null) {
            return waiting(region, Stage.CAPTURE);
        }
        List<LagSnapshot.SlotLag> slots = lag.slots().stream().filter(s -> s.region().equals(region)).toList();
        io.driftwatch.engine.api.EngineCapture reported = engineCaptures.get(region);
        if (reported != null) {
            return reportedCapture(region, reported, slots.isEmpty() ? "no replication slot read"
                    : "slot " + ByteSize.human(slots.stream().filter(LagSnapshot.SlotLag::active).findFirst().orElse(slots.get(0)).lagBytes()) + " behind");
        }
        if (slots.isEmpty()) {
            return new StageTile(region, Stage.CAPTURE, Health.IDLE, "no capture", "no replication slot in this region");
        }
        LagSnapshot.SlotLag slot = slots.stream().filter(LagSnapshot.SlotLag::active).findFirst().orElse(slots.get(0));
        String behind = "slot " + ByteSize.human(slot.lagBytes()) + " behind";
        if (!slot.active()) {
            return new StageTile(region, Stage.CAPTURE, Health.DOWN, "stopped", "slot inactive, " + behind);
        }
        // The capture's own counter covers the one capture the local pipeline runs; it is this
        // region's only when no other region's slot is also held.
        long activeRegions = lag.slots().stream().filter(LagSnapshot.SlotLag::active).map(LagSnapshot.SlotLag::region).distinct().count();
        double events = rates.latest("captured");
        if (status != null && status.captureState().equals("failed")) {
            return new StageTile(region, Stage.CAPTURE, Health.DOWN, "failed", behind);
        }
        if (activeRegions > 1 || Double.isNaN(events)) {
            return new StageTile(region, Stage.CAPTURE, activeRegions > 1 ? Health.OK : Health.WAITING,
                    activeRegions > 1 ? "running" : "measuring…", behind);
        }
        return new StageTile(region, Stage.CAPTURE, Health.OK, perSecond(events, "events"), behind);
    }

    /** The capture tile from the engine's own report: its state first, then its rate. */
    private StageTile reportedCapture(String region, io.driftwatch.engine.api.EngineCapture reported, String behind) {
        switch (reported.state()) {
            case "failed", "stopped" -> {
                return new StageTile(region, Stage.CAPTURE, Health.DOWN, reported.state(),
                        reported.lastError() == null ? behind : reported.lastError());
            }
            case "retrying" -> {
                return new StageTile(region, Stage.CAPTURE, Health.STRAINED, "retrying",
                        reported.lastError() == null ? behind : reported.lastError());
            }
            case "starting" -> {
                return new StageTile(region, Stage.CAPTURE, Health.WAITING, "starting", behind);
            }
            default -> {
                double events = rates.latest("captured/" + region);
                return Double.isNaN(events) ? new StageTile(region, Stage.CAPTURE, Health.WAITING, "measuring…", behind)
                        : new StageTile(region, Stage.CAPTURE, Health.OK, perSecond(events, "events"), behind);
            }
        }
    }

    private StageTile kafka(String region) {
        if (!up("kafka-" + region)) {
            return new StageTile(region, Stage.KAFKA, Health.DOWN, "down", "the broker does not answer");
        }
        if (lag == null) {
            return waiting(region, Stage.KAFKA);
        }
        Optional<String> problem = problem(lag.problems(), "Kafka in " + region);
        if (problem.isPresent()) {
            return new StageTile(region, Stage.KAFKA, Health.DOWN, "no reading", problem.get());
        }
        List<LagSnapshot.PartitionLag> partitions = lag.partitions().stream().filter(p -> p.region().equals(region)).toList();
        String where = "";
        if (partitions.isEmpty()) {
            // A standby cluster: the job reads this region's changes as MirrorMaker 2's copies ("<region>.<topic>") in the
            // active region's cluster.
            partitions = lag.partitions().stream().filter(p -> p.topic().startsWith(region + ".")).toList();
            if (partitions.isEmpty()) {
                return new StageTile(region, Stage.KAFKA, Health.IDLE, "no topics", "no topic of the pipeline in this region");
            }
            where = " (its copies in " + partitions.get(0).region() + ")";
        }
        double appended = rates.latest("kafka/" + region);
        long behind = partitions.stream().mapToLong(LagSnapshot.PartitionLag::lag).sum();
        String detail = String.format(Locale.ROOT, "job's lag %,d %s%s", behind, behind == 1 ? "record" : "records", where);
        return Double.isNaN(appended) ? new StageTile(region, Stage.KAFKA, Health.WAITING, "measuring…", detail)
                : new StageTile(region, Stage.KAFKA, Health.OK, perSecond(appended, "rec"), detail);
    }

    private StageTile flink(String region) {
        if (job == null) {
            return flinkProblem == null ? waiting(region, Stage.FLINK)
                    : new StageTile(region, Stage.FLINK, Health.DOWN, "no answer", "REST API: " + flinkProblem);
        }
        Optional<FlinkJobs.Vertex> source = source(region);
        if (source.isEmpty()) {
            return new StageTile(region, Stage.FLINK, Health.IDLE, "not read", "the job reads no topic of this region");
        }
        String state = job.state().toLowerCase(Locale.ROOT);
        if (!job.state().equals("RUNNING")) {
            return new StageTile(region, Stage.FLINK, Health.DOWN, state, "job '" + job.name() + "'");
        }
        List<String> pressured = job.vertices().stream().filter(v -> v.backpressure().equals("high")).map(FlinkJobs.Vertex::name).toList();
        String detail = pressured.isEmpty() ? "no backpressure" : "backpressure high: " + String.join(", ", pressured);
        double in = rates.latest("flink/" + region);
        Health health = pressured.isEmpty() ? Health.OK : Health.STRAINED;
        return Double.isNaN(in) ? new StageTile(region, Stage.FLINK, Health.WAITING, "measuring…", detail)
                : new StageTile(region, Stage.FLINK, health, perSecond(in, "rec"), detail);
    }

    private StageTile clickhouse(String region) {
        if (!servers.isEmpty() && servers.stream().anyMatch(s -> s.name().equals("clickhouse")) && !up("clickhouse")) {
            return new StageTile(region, Stage.CLICKHOUSE, Health.DOWN, "down", "the server does not answer");
        }
        if (activity == null) {
            return waiting(region, Stage.CLICKHOUSE);
        }
        Optional<String> problem = problem(activity.problems(), "ClickHouse");
        if (problem.isPresent()) {
            return new StageTile(region, Stage.CLICKHOUSE, Health.DOWN, "no reading", problem.get());
        }
        if (!activity.visible().containsKey(region)) {
            return new StageTile(region, Stage.CLICKHOUSE, Health.IDLE, "nothing visible", "no transaction of this region in the views yet");
        }
        double visible = rates.latest("visible/" + region);
        String detail = lag == null ? "visibility lag not read yet" : lag.visibility().stream().filter(v -> v.region().equals(region)).findFirst()
                .map(v -> v.caughtUp() ? "caught up" : String.format(Locale.ROOT, "oldest invisible %.1f s", v.lagMillis() / 1000.0))
                .orElse("no visibility lag read");
        return Double.isNaN(visible) ? new StageTile(region, Stage.CLICKHOUSE, Health.WAITING, "measuring…", detail)
                : new StageTile(region, Stage.CLICKHOUSE, Health.OK, perSecond(visible, "tx"), "made visible; " + detail);
    }

    /** The job's source vertex for a region: the job names each region's source "capture <region>". */
    private Optional<FlinkJobs.Vertex> source(String region) {
        return job == null ? Optional.empty() : job.vertices().stream().filter(v -> v.name().contains("capture " + region)).findFirst();
    }

    private boolean up(String server) {
        return servers.stream().filter(s -> s.name().equals(server)).findFirst().map(ServerStatus::up).orElse(true);
    }

    private static Optional<String> problem(List<String> problems, String prefix) {
        return problems.stream().filter(p -> p.startsWith(prefix)).findFirst();
    }

    private static StageTile waiting(String region, Stage stage) {
        return new StageTile(region, stage, Health.WAITING, "measuring…", "a rate needs two readings");
    }

    /** {@code 4.5 tx/s} below ten, {@code 42 tx/s} above. */
    static String perSecond(double rate, String unit) {
        return String.format(Locale.ROOT, rate < 10 ? "%.1f %s/s" : "%,.0f %s/s", rate, unit);
    }
}
