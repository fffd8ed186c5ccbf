package io.driftwatch.engine.api;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.demo.GlobalMartWorkload;
import io.driftwatch.engine.failover.RegionFailover;
import io.driftwatch.engine.failover.RegionSource;
import io.driftwatch.engine.gateway.SqlGateway;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.verify.ViewVerifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/**
 * The whole local pipeline of the demo: the stack, GlobalMart's schema and data, capture, the
 * processing job and the workload, with status snapshots and a final verify.
 *
 * <p>With two regions, both capture and take traffic; MirrorMaker 2 copies each region's topics
 * to the other, the job runs in the primary and fails over when its Kafka dies (or on command,
 * see {@link #regionControl()}), and the rows both regions change — products, customers,
 * promotions and sellable stock — are merged across regions by column policy.
 */
public final class LocalPipeline implements AutoCloseable {
    public static final String PREFIX = "globalmart";
    /**
     * The demo's pipeline as a config file in the stack directory: {@code run --local} runs it and
     * {@code verify --local} verifies it once the demo has left it there, and a console attaches
     * with it ({@code --config}).
     */
    public static final String CONFIG_FILE = "pipeline.yaml";
    public static final String DATABASE = "dw_" + PREFIX;

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
    private final List<CaptureService> captures;
    private final JobClient job;
    private final RegionFailover failover;
    private final Map<String, GlobalMartWorkload> workloads;
    private final ClickHouseHttp clickhouse;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final String flinkRestUrl;
    private final List<Thread> load = new ArrayList<>();
    private volatile Exception loadFailure;
    private final Map<String, String> trafficStopped = new java.util.concurrent.ConcurrentHashMap<>();

    private final SqlGateway gateway;
    private final io.driftwatch.engine.capture.EmptyTableWatch emptyTables;

    private LocalPipeline(StackHandle stack, List<CaptureService> captures, JobClient job, RegionFailover failover,
                          Map<String, GlobalMartWorkload> workloads, String flinkRestUrl, SqlGateway gateway,
                          io.driftwatch.engine.capture.EmptyTableWatch emptyTables) {
        this.emptyTables = emptyTables;
        this.flinkRestUrl = flinkRestUrl;
        this.gateway = gateway;
        this.stack = stack;
        this.regions = stack.endpoints().regionNames();
        this.captures = List.copyOf(captures);
        this.job = job;
        this.failover = failover;
        this.workloads = workloads;
        StackEndpoints.ClickHouse ch = stack.endpoints().clickhouse();
        // The demo's own reads (status, verify) go through the gateway, like every reader's.
        this.clickhouse = new ClickHouseHttp(gateway.url(), ch.user(), ch.password());
    }

    /** Starts everything but the workload; blocking, reports each step. */
    public static LocalPipeline start(Path dir, int regions, long seed, Consumer<String> progress) throws Exception {
        StackHandle stack = stackIn(dir, regions, progress);
        List<CaptureService> captures = new ArrayList<>();
        List<CaptureSettings> captured = new ArrayList<>();
        Map<String, RegionSource> sources = new LinkedHashMap<>();
        SqlGateway gateway = null;
        io.driftwatch.engine.capture.EmptyTableWatch emptyTables = null;
        try {
            StackEndpoints e = stack.endpoints();
            List<String> names = e.regionNames();
            String primary = names.get(0);
            java.nio.file.Files.writeString(dir.resolve(CONFIG_FILE), io.driftwatch.engine.stack.StackPipelineConfig.yaml(
                    io.driftwatch.engine.stack.StackPipelineConfig.of(e, dir, PREFIX, names.size() > 1 ? MERGE : null, "public.outbox")));
            Map<String, GlobalMartWorkload> workloads = new LinkedHashMap<>();
            for (String region : names) {
                GlobalMartWorkload workload = new GlobalMartWorkload(region, seed);
                progress.accept("creating GlobalMart's schema and reference data in " + region);
                try (Connection c = connect(e.region(region).postgres())) {
                    workload.setUpShared(c);
                }
                workloads.put(region, workload);
            }
            for (String region : names) {
                // The primary's snapshot carries the reference data both regions hold alike; the
                // other regions started as a copy of it and stream their changes from now on.
                PipelineConfig.CaptureConfig config = new PipelineConfig.CaptureConfig(PREFIX, null, "public.outbox", 2000L, 10L,
                        region.equals(primary) ? "initial" : "no_data", 1);
                CaptureSettings settings = CapturePlan.fromLocalStack(e, config).stream().filter(c -> c.region().equals(region))
                        .findFirst().orElseThrow();
                CaptureService capture = new CaptureService(settings);
                captures.add(capture);
                captured.add(settings);
                sources.put(region, new RegionSource(region, e.region(region).postgres(), settings.slotName()));
                capture.start();
                progress.accept("capture running for " + region);
                try (Connection c = connect(e.region(region).postgres())) {
                    // Rows written before the capture's replication slot exists are in no snapshot
                    // (the other regions capture without one) and in no stream.
                    awaitSlot(c, settings.slotName(), Duration.ofMinutes(3));
                    workloads.get(region).setUpRegional(c);
                }
            }
            JobSettings jobSettings = ProcessPlan.fromLocalStack(e, PREFIX, 1, Duration.ofSeconds(5), JobSettings.Visibility.TRANSACTION,
                    io.driftwatch.engine.stack.PortAllocator.freeLoopbackPort(), "public.outbox");
            gateway = new SqlGateway("127.0.0.1", 0, e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(), DATABASE,
                    SqlGateway.DEFAULT_PERIOD).start();
            progress.accept("SQL gateway at " + gateway.url() + ": ClickHouse's HTTP interface, where every query reads all views at one cut");
            jobSettings = jobSettings.withClickHouse(jobSettings.clickhouse().withGatewayKeepingTheCut());
            String restore = io.driftwatch.engine.process.CheckpointLocator.latest(e.s3(), PREFIX).orElse(null);
            String rest = "http://127.0.0.1:" + jobSettings.restPort();
            if (names.size() == 1) {
                JobClient job = PipelineJob.startLocal(jobSettings, restore);
                progress.accept("processing job running" + (restore == null ? "" : " (resumed from " + restore + ")")
                        + "; Flink's REST API at " + rest);
                emptyTables = watchEmptyTables(captured, jobSettings, progress);
                return new LocalPipeline(stack, captures, job, null, workloads, rest, gateway, emptyTables);
            }
            progress.accept("waiting for the merged tables' schemas in the registry");
            jobSettings = jobSettings.withMerge(ProcessPlan.awaitMergeSettings(MERGE, e.registry().url(), PREFIX, Duration.ofMinutes(3)));
            RegionFailover failover = RegionFailover.start(jobSettings, PipelineJob::startLocal, primary, sources, e.clickhouse(),
                    Duration.ofSeconds(5), restore, progress);
            progress.accept("processing job running in " + primary + ", reading " + names.stream().filter(r -> !r.equals(primary))
                    .map(r -> r + "'s changes through MirrorMaker 2").reduce((a, b) -> a + ", " + b).orElse("")
                    + (restore == null ? "" : " (resumed from " + restore + ")") + "; Flink's REST API at " + rest);
            emptyTables = watchEmptyTables(captured, jobSettings, progress);
            return new LocalPipeline(stack, captures, null, failover, workloads, rest, gateway, emptyTables);
        } catch (Exception | Error e) {
            if (emptyTables != null) {
                emptyTables.close();
            }
            captures.forEach(CaptureService::close);
            if (gateway != null) {
                gateway.close();
            }
            stack.close();
            throw e;
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

    private static void awaitSlot(Connection c, String slot, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the capture's replication slot " + slot + " did not appear within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Which region processes, with failover and failback; empty with one region. */
    public Optional<RegionControl> regionControl() {
        return Optional.ofNullable(failover);
    }

    /** The processing job's Flink REST endpoint (read it with {@link FlinkJobs}). */
    public FlinkJobs flinkJobs() {
        return new FlinkJobs(flinkRestUrl);
    }


    /** The stack's endpoints as readers use them: ClickHouse is the SQL gateway. */
    public StackEndpoints endpoints() {
        StackEndpoints e = stack.endpoints();
        return new StackEndpoints(e.regions(), e.registry(), new StackEndpoints.ClickHouse(gateway.url(), e.clickhouse().user(),
                e.clickhouse().password()), e.s3(), e.flink());
    }

    /** The SQL gateway's URL (ClickHouse's HTTP interface, one cut per query). */
    public String sqlGatewayUrl() {
        return gateway.url();
    }

    /**
     * Starts GlobalMart's traffic in the background: {@code ratePerSecond} transactions per second
     * in the primary region and half as many in each other region.
     */
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
    public void awaitWorkload(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : load) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
    }

    public PipelineStatus status() {
        long visible = -1;
        try {
            visible = clickhouse.query("SELECT count() AS n FROM " + DATABASE + ".orders").get(0).get("n").asLong();
        } catch (RuntimeException notYet) {
            // the view appears with the first order
        }
        long captured = 0;
        String state = null;
        for (CaptureService capture : captures) {
            var c = capture.status();
            captured += c.records();
            String s = c.state().name().toLowerCase();
            state = state == null || s.equals("running") ? (state == null ? s : state) : state;
            if (!s.equals("running")) {
                state = s;
            }
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
            if (failover != null) {
                failover.close();
            } else {
                job.cancel().get();
            }
        } catch (Exception e) {
            // stopping anyway
        }
        emptyTables.close();
        captures.forEach(CaptureService::close);
        gateway.close();
        stack.close();
    }

    /** Gives every captured table its view before its first row. */
    private static io.driftwatch.engine.capture.EmptyTableWatch watchEmptyTables(List<CaptureSettings> captured, JobSettings job,
                                                                               Consumer<String> progress) {
        io.driftwatch.engine.process.ClickHouseSettings ch = job.clickhouse();
        return io.driftwatch.engine.capture.EmptyTableWatch.start(captured, new ClickHouseHttp(ch.url(), ch.user(), ch.password()),
                ch.database(), ch.regions(), job.merge() == null ? java.util.Set.of() : job.merge().tables(), Duration.ofSeconds(5), progress);
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
