package io.driftwatch.engine.demo;

import io.driftwatch.engine.api.DemoPipeline;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.EngineCapture;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.VerifyReport;
import io.driftwatch.engine.stack.LocalStacks;
import io.driftwatch.engine.api.StackHandle;
import io.driftwatch.engine.api.AttachedPipeline;

import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.demo.GlobalMartWorkload;
import io.driftwatch.engine.sink.ClickHouseHttp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The whole local pipeline of the demo: the stack, GlobalMart's schema and data, capture, the
 * processing job and the workload, with status snapshots and a final verify.
 *
 * <p>With two regions, both capture and take traffic; MirrorMaker 2 copies each region's topics
 * to the other, the job runs in the primary and fails over when its Kafka dies (or on command,
 * see {@link #regionControl()}), and the rows both regions change — products, customers,
 * promotions and sellable stock — are merged across regions by column policy.
 */
public final class LocalPipeline implements DemoPipeline {
    public static final String PREFIX = "globalmart";
    /**
     * The demo's pipeline as a config file in the stack directory: {@code run --local} runs it and
     * {@code verify --local} verifies it once the demo has left it there, and a console attaches
     * with it ({@code --config}).
     */
    public static final String CONFIG_FILE = "pipeline.yaml";
    public static final String DATABASE = PipelineNames.viewsDatabase(PREFIX);

    /**
     * The tables both regions change, and how: a product's price is critical (concurrent changes
     * go to an operator), tags are a set, sellable stock is a counter that must not go below zero
     * (an oversell becomes a conflict); every other column takes the last writer's value.
     */
    public static final Map<String, Object> MERGE = Map.of("tables", Map.of(
            "public.products", Map.of("columns", Map.of("price", "manual", "tags", "set")),
            "public.customers", Map.of("columns", Map.of()),
            "public.promotions", Map.of("columns", Map.of()),
            "public.stock_levels", Map.of("columns", Map.of("available",
                    Map.of("policy", "counter", "invariants", List.of("non_negative"))))));
    private static final String STOCK = "stock_levels";

    private final StackHandle stack;
    private final List<String> regions;
    private final io.driftwatch.engine.stack.EngineProcess engine;
    private final io.driftwatch.engine.service.ConfiguredPipeline attached;
    private final Map<String, GlobalMartWorkload> workloads;
    private final ClickHouseHttp clickhouse;
    private final String gatewayUrl;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> load = new ArrayList<>();
    private volatile Exception loadFailure;
    private final Map<String, String> trafficStopped = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalPipeline(StackHandle stack, io.driftwatch.engine.stack.EngineProcess engine, io.driftwatch.engine.service.ConfiguredPipeline attached,
                          Map<String, GlobalMartWorkload> workloads, String gatewayUrl) {
        this.stack = stack;
        this.regions = stack.endpoints().regionNames();
        this.engine = engine;
        this.attached = attached;
        this.workloads = workloads;
        this.gatewayUrl = gatewayUrl;
        StackEndpoints.ClickHouse ch = stack.endpoints().clickhouse();
        // The demo's own reads (status, verify) go through the gateway, like every reader's.
        this.clickhouse = new ClickHouseHttp(gatewayUrl, ch.user(), ch.password());
    }

    /**
     * Starts everything but the workload; blocking, reports each step. The pipeline runs as the
     * production engine does: {@code driftwatch run --config DIR/pipeline.yaml} as its own process
     * (capture per region, the processing job, the failover controller), reached through its
     * status and command topics like any pipeline a console attaches to.
     */
    public static LocalPipeline start(Path dir, int regions, long seed, Consumer<String> progress) throws Exception {
        StackHandle stack = stackIn(dir, regions, progress);
        io.driftwatch.engine.stack.EngineProcess engine = null;
        try {
            StackEndpoints e = stack.endpoints();
            List<String> names = e.regionNames();
            Path config = dir.resolve(CONFIG_FILE);
            // On a secured stack the engine reaches Kafka with SCRAM over TLS and the registry with its login, and a console attaches
            // with its own least-privilege users (the config's console section).
            Optional<io.driftwatch.engine.stack.StackUsers> users = io.driftwatch.engine.stack.StackUsers.of(dir);
            users.ifPresent(u -> io.driftwatch.engine.stack.StackUsers.grantConsole(e, PREFIX, true));
            java.nio.file.Files.writeString(config, io.driftwatch.engine.stack.StackPipelineConfig.yaml(
                    io.driftwatch.engine.stack.StackPipelineConfig.of(e, dir, PREFIX, names.size() > 1 ? MERGE : null, "public.outbox",
                            users.orElse(null))));
            Map<String, GlobalMartWorkload> workloads = new LinkedHashMap<>();
            for (String region : names) {
                GlobalMartWorkload workload = new GlobalMartWorkload(region, seed);
                progress.accept("creating GlobalMart's schema and reference data in " + region);
                try (Connection c = connect(e.region(region).postgres())) {
                    workload.setUpShared(c);
                }
                workloads.put(region, workload);
            }
            engine = io.driftwatch.engine.stack.EngineProcess.start(config, dir.resolve("engine.log"),
                    dir.resolve(io.driftwatch.engine.logging.TerminalLog.FILE_NAME));
            progress.accept("engine running as its own process (pid " + engine.pid() + "): driftwatch run --config " + config
                    + "; its lines go to " + engine.log());
            for (String region : names) {
                try (Connection c = connect(e.region(region).postgres())) {
                    // Rows written before the capture's replication slot exists are in no snapshot
                    // (the other regions capture without one) and in no stream.
                    awaitSlot(c, CaptureSettings.slotName(PREFIX, region), engine, Duration.ofMinutes(3));
                    workloads.get(region).setUpRegional(c);
                }
                progress.accept("capture running for " + region);
            }
            io.driftwatch.engine.service.ConfiguredPipeline attached = io.driftwatch.engine.service.ConfiguredPipeline.read(config, false);
            io.driftwatch.engine.service.EngineStatus running = awaitJob(attached, engine, Duration.ofMinutes(5));
            progress.accept("processing job running" + (running.activeRegion() == null ? "" : " in " + running.activeRegion())
                    + (running.job().restoredFrom() == null ? "" : " (resumed from " + running.job().restoredFrom() + ")")
                    + "; Flink's REST API at " + running.job().restUrl());
            progress.accept("SQL gateway at " + running.sqlGateway() + ": ClickHouse's HTTP interface, where every query reads all views at one cut");
            return new LocalPipeline(stack, engine, attached, workloads, running.sqlGateway());
        } catch (Exception | Error e) {
            if (engine != null) {
                engine.close();
            }
            stack.close();
            throw e;
        }
    }

    /** The engine's report once its job runs and its SQL gateway listens; fails with the engine's last lines if it exits. */
    private static io.driftwatch.engine.service.EngineStatus awaitJob(io.driftwatch.engine.service.ConfiguredPipeline attached, io.driftwatch.engine.stack.EngineProcess engine,
                                                                      Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireAlive(engine);
            try {
                Optional<io.driftwatch.engine.service.EngineStatus> running = attached.engines(Duration.ofSeconds(3)).stream()
                        .filter(s -> s.job() != null && "RUNNING".equals(s.job().state()) && s.sqlGateway() != null).findFirst();
                if (running.isPresent()) {
                    return running.get();
                }
            } catch (IllegalStateException notYet) {
                // no report yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine's job was not running within " + timeout.toSeconds() + " s; its last lines:\n"
                        + engine.tail(25));
            }
            Thread.sleep(500);
        }
    }

    private static void requireAlive(io.driftwatch.engine.stack.EngineProcess engine) {
        if (!engine.isAlive()) {
            throw new IllegalStateException("the engine exited; its last lines (" + engine.log() + "):\n" + engine.tail(25));
        }
    }

    /**
     * The stack a {@code stack up} daemon already runs in {@code dir}, used as it is, or else a
     * stack started here (on the data a previous run left, if any).
     */
    private static StackHandle stackIn(Path dir, int regions, Consumer<String> progress) {
        Optional<StackHandle> running = LocalStacks.running(dir);
        if (running.isEmpty()) {
            return LocalStacks.start(dir, regions, progress);
        }
        StackHandle stack = running.get();
        int have = stack.endpoints().regionNames().size();
        if (have != regions) {
            throw new IllegalStateException("the stack running in " + dir + " (daemon pid " + stack.ownerPid() + ") has " + have
                    + " region(s), not " + regions + ": run with --regions " + have + ", or stop it with 'driftwatch stack down --dir "
                    + dir + "'");
        }
        progress.accept("using the stack already running in " + dir + " (started by 'driftwatch stack up', daemon pid "
                + stack.ownerPid() + "); it keeps running afterwards");
        return stack;
    }

    private static void awaitSlot(Connection c, String slot, io.driftwatch.engine.stack.EngineProcess engine, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                requireAlive(engine);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the capture's replication slot " + slot + " did not appear within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Which region processes, with failover and failback as commands to the engine; empty with one region. */
    @Override
    public Optional<RegionControl> regionControl() {
        return regions.size() < 2 ? Optional.empty()
                : Optional.of(attached.regionControl(System.getProperty("user.name", "operator"), "asked from the demo's console"));
    }

    /** The engine's process id (for profiling it). */
    public long enginePid() {
        return engine.pid();
    }

    /** The pipeline as its engine reports it: status, alerts, commands. */
    @Override
    public AttachedPipeline attached() {
        return attached;
    }

    /**
     * The processing job's Flink REST endpoint, where the engine reports it (read it with
     * {@link FlinkJobs}).
     *
     * @throws IllegalStateException while the engine reports no running job
     */
    @Override
    public FlinkJobs flinkJobs() {
        return attached.flinkJobs(Duration.ofSeconds(3)).orElseThrow(() -> new IllegalStateException("the engine reports no running job"));
    }

    /** The stack's endpoints as readers use them: ClickHouse is the SQL gateway. */
    @Override
    public StackEndpoints endpoints() {
        StackEndpoints e = stack.endpoints();
        return new StackEndpoints(e.regions(), e.registry(), new StackEndpoints.ClickHouse(gatewayUrl, e.clickhouse().user(),
                e.clickhouse().password()), e.s3(), e.flink());
    }

    /** The SQL gateway's URL (ClickHouse's HTTP interface, one cut per query). */
    public String sqlGatewayUrl() {
        return gatewayUrl;
    }

    /**
     * Starts GlobalMart's traffic in the background: {@code ratePerSecond} transactions per second
     * in the primary region and half as many in each other region.
     */
    @Override
    public void startWorkload(int ratePerSecond, Duration duration) {
        for (String region : regions) {
            int rate = region.equals(regions.get(0)) ? ratePerSecond : Math.max(1, ratePerSecond / 2);
            Thread t = new Thread(() -> {
                try (Connection c = connect(stack.endpoints().region(region).postgres())) {
                    workloads.get(region).run(c, rate, duration, stopping::get);
                } catch (Exception e) {
                    trafficStopped.put(region, oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
                    loadFailure = e;
                }
            }, "globalmart-workload-" + region);
            t.setDaemon(true);
            load.add(t);
            t.start();
        }
    }

    /** Waits for the workload to finish; rethrows its failure. */
    @Override
    public void awaitWorkload(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : load) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
    }

    @Override
    public PipelineStatus status() {
        long visible = -1;
        try {
            visible = clickhouse.query("SELECT count() AS n FROM " + DATABASE + ".orders").get(0).get("n").asLong();
        } catch (RuntimeException notYet) {
            // the view appears with the first order
        }
        long captured = 0;
        String state;
        if (!engine.isAlive()) {
            state = "stopped: the engine exited (" + engine.log() + ")";
        } else {
            List<EngineCapture> reported;
            try {
                reported = attached.captures(Duration.ofSeconds(3));
            } catch (IllegalStateException noReport) {
                reported = List.of();
            }
            captured = reported.stream().mapToLong(EngineCapture::records).sum();
            state = reported.size() < regions.size() ? "starting"
                    : reported.stream().map(EngineCapture::state).filter(s -> !s.equals("running")).findFirst().orElse("running");
        }
        long transactions = workloads.values().stream().mapToLong(GlobalMartWorkload::transactions).sum();
        long orders = workloads.values().stream().mapToLong(GlobalMartWorkload::orders).sum();
        return new PipelineStatus(stack.status(), transactions, captured, orders, visible, state,
                stack.mirrorFlows(), trafficStopped);
    }

    /** The database's message on one line (PostgreSQL puts its detail on the next). */
    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").trim();
    }

    /** Commit-to-visible latency of the transactions that became visible in the last {@code window}. */
    @Override
    public LatencySummary latency(Duration window) {
        try {
            io.driftwatch.engine.sink.LatencyTable.Summary recent = new io.driftwatch.engine.sink.LatencyTable(clickhouse, DATABASE)
                    .visibleSince(System.currentTimeMillis() - window.toMillis());
            return new LatencySummary(recent.transactions(), recent.p50(), recent.p99());
        } catch (RuntimeException notYet) {
            return new LatencySummary(0, Double.NaN, Double.NaN); // the job has not created its tables yet
        }
    }

    /** Waits until every table's view equals the source (or the timeout) and reports the comparison. */
    @Override
    public VerifyReport verify(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        VerifyReport report;
        do {
            report = verifyOnce();
            if (report.allMatch()) {
                return report;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return report;
    }

    /** The demo's tables against their views, in every region (io.driftwatch.engine.verify.RegionsVerifier). */
    private VerifyReport verifyOnce() throws Exception {
        List<java.util.function.Supplier<Connection>> connections = new ArrayList<>();
        for (String region : regions) {
            StackEndpoints.Postgres pg = stack.endpoints().region(region).postgres();
            connections.add(() -> {
                try {
                    return connect(pg);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot connect to " + region + "'s PostgreSQL: " + e.getMessage(), e);
                }
            });
        }
        return verifier(clickhouse, regions.size()).verify(connections);
    }

    /**
     * How the demo's pipeline is verified: with two regions the merged tables by key and the
     * sellable stock as the merged counter — the starting figure less every region's sales.
     */
    public static io.driftwatch.engine.verify.RegionsVerifier verifier(ClickHouseHttp clickhouse, int regions) {
        java.util.Set<String> merged = regions > 1 ? ((Map<?, ?>) MERGE.get("tables")).keySet().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.toSet()) : java.util.Set.of();
        return new io.driftwatch.engine.verify.RegionsVerifier(clickhouse, DATABASE, merged,
                new io.driftwatch.engine.verify.RegionsVerifier.Counter(STOCK, "sku", "available", GlobalMartWorkload.SELLABLE));
    }

    @Override
    public void close() {
        stopping.set(true);
        try {
            for (Thread t : load) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        stack.close();
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        return PostgresConnections.open(pg, "driftwatch-demo");
    }
}
