package io.driftwatch.engine.api;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.demo.GlobalMartWorkload;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.verify.ViewVerifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/**
 * The whole local pipeline of the demo: the stack, GlobalMart's schema and data, capture, the
 * processing job and the workload, with status snapshots and a final verify.
 *
 * <p>Processing covers the primary region; the secondary region's servers run idle until the
 * two-region merge lands.
 */
public final class LocalPipeline implements AutoCloseable {
    public static final String PREFIX = "globalmart";
    public static final String DATABASE = "dw_" + PREFIX;

    private final LocalStack stack;
    private final String region;
    private final CaptureService capture;
    private final JobClient job;
    private final GlobalMartWorkload workload;
    private final ClickHouseHttp clickhouse;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final String flinkRestUrl;
    private Thread load;
    private volatile Exception loadFailure;

    private LocalPipeline(LocalStack stack, String region, CaptureService capture, JobClient job, GlobalMartWorkload workload,
                          String flinkRestUrl) {
        this.flinkRestUrl = flinkRestUrl;
        this.stack = stack;
        this.region = region;
        this.capture = capture;
        this.job = job;
        this.workload = workload;
        StackEndpoints.ClickHouse ch = stack.endpoints().clickhouse();
        this.clickhouse = new ClickHouseHttp(ch.url(), ch.user(), ch.password());
    }

    /** Starts everything but the workload; blocking, reports each step. */
    public static LocalPipeline start(Path dir, int regions, long seed, Consumer<String> progress) throws Exception {
        LocalStack stack = LocalStack.start(StackConfig.of(dir, regions), progress);
        try {
            StackEndpoints e = stack.endpoints();
            String primary = e.regionNames().get(0);
            GlobalMartWorkload workload = new GlobalMartWorkload(primary, seed);
            progress.accept("creating GlobalMart's schema and reference data in " + primary);
            try (Connection c = connect(e.region(primary).postgres())) {
                workload.setUp(c);
            }
            PipelineConfig.CaptureConfig config = new PipelineConfig.CaptureConfig(PREFIX, null, "public.outbox", 2000L, 10L, "initial", 1);
            CaptureSettings settings = CapturePlan.fromLocalStack(e, config).get(0);
            CaptureService capture = new CaptureService(settings);
            capture.start();
            progress.accept("capture running for " + primary);
            JobSettings jobSettings = new JobSettings(PREFIX, Map.of(primary, e.region(primary).kafka().bootstrapServers()),
                    e.registry().url(), new ClickHouseSettings(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(),
                    DATABASE, List.of(primary)), 1, Duration.ofSeconds(5), JobSettings.Visibility.TRANSACTION,
                    "s3p://" + e.s3().bucket() + "/" + PREFIX, new JobSettings.S3(e.s3().endpoint(), e.s3().accessKey(), e.s3().secretKey()),
                    io.driftwatch.engine.stack.PortAllocator.freeLoopbackPort(), Duration.ofMillis(50), "public.outbox");
            String restore = io.driftwatch.engine.process.CheckpointLocator.latest(e.s3(), PREFIX).orElse(null);
            JobClient job = PipelineJob.startLocal(jobSettings, restore);
            progress.accept("processing job running" + (restore == null ? "" : " (resumed from " + restore + ")")
                    + "; Flink's REST API at http://127.0.0.1:" + jobSettings.restPort());
            return new LocalPipeline(stack, primary, capture, job, workload, "http://127.0.0.1:" + jobSettings.restPort());
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The processing job's Flink REST endpoint (read it with {@link FlinkJobs}). */
    public FlinkJobs flinkJobs() {
        return new FlinkJobs(flinkRestUrl);
    }


    public StackEndpoints endpoints() {
        return stack.endpoints();
    }

    /** Starts GlobalMart's traffic in the background. */
    public void startWorkload(int ratePerSecond, Duration duration) {
        load = new Thread(() -> {
            try (Connection c = connect(stack.endpoints().region(region).postgres())) {
                workload.run(c, ratePerSecond, duration, stopping::get);
            } catch (Exception e) {
                loadFailure = e;
            }
        }, "globalmart-workload");
        load.setDaemon(true);
        load.start();
    }

    /** Waits for the workload to finish; rethrows its failure. */
    public void awaitWorkload(Duration timeout) throws Exception {
        if (load != null) {
            load.join(timeout.toMillis());
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
        var c = capture.status();
        return new PipelineStatus(stack.status(), workload.transactions(), c.records(), workload.orders(), visible,
                c.state().name().toLowerCase());
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

    private VerifyReport verifyOnce() throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, DATABASE);
        List<VerifyReport.Table> tables = new ArrayList<>();
        try (Connection c = connect(stack.endpoints().region(region).postgres()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN "
                     + "('driftwatch_heartbeat', 'outbox') ORDER BY tablename")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            for (String name : names) {
                ViewVerifier.Result r = verifier.verify(c, "public", name);
                tables.add(new VerifyReport.Table(r.table(), r.view(), r.source().rows(), r.view_().rows(), r.matches(), r.problem()));
            }
        }
        return new VerifyReport(tables);
    }

    @Override
    public void close() {
        stopping.set(true);
        try {
            if (load != null) {
                load.join(10_000);
            }
            job.cancel().get();
        } catch (Exception e) {
            // stopping anyway
        }
        capture.close();
        stack.close();
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
