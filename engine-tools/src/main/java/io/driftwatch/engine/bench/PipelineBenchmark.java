package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.TableState;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.cluster.CheckpointLocator;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.gateway.SqlGateway;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;

/**
 * Suite {@code pipeline}: PostgreSQL → capture → Kafka → Flink → consistent ClickHouse views.
 *
 * <p>Latency: at each fixed rate and in each visibility mode, transactions of an order and two
 * lines are committed for a while; the figures are the engine's own measure (source commit time →
 * the visible position that covers the transaction is in ClickHouse), over the transactions
 * committed after the first five seconds. Throughput: backlogs of transactions drained by capture
 * alone (into Kafka), by the job alone (from Kafka into the views), and by both at once (from
 * PostgreSQL into the views), all in the same run.
 */
public final class PipelineBenchmark {
    static final String PREFIX = "benchpipe";
    static final String REGION = "us-east-1";

    /** One latency run; {@code gateway} holds the SQL gateway's figures when readers went through it. */
    private record LatencyRow(JobSettings.Visibility mode, int rate, double achieved, LatencyTable.Summary latency, double catchUpSeconds,
                              Gateway gateway) {}

    /** What the SQL gateway added in a run: how long cut advances waited for running queries, and the reader's queries. */
    private record Gateway(SqlGateway.Figures figures, long readerQueries, long readerMedianMillis) {}

    /**
     * The reader beside a gateway run: one query over two views (an order count and a line count in
     * scalar subqueries), sent again as soon as it returns, as a dashboard would.
     */
    private static final String READER_QUERY = "SELECT (SELECT count() FROM dw_" + PREFIX + "." + PacedOrders.ORDERS + ") AS orders, "
            + "(SELECT count() FROM dw_" + PREFIX + "." + PacedOrders.LINES + ") AS lines";

    private final StackEndpoints endpoints;
    private final PrintStream out;
    private final List<Integer> rates;
    private final Duration runLength;
    private final long backlog;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final ClickHouseHttp clickhouse;
    private final LatencyTable latencyTable;
    private final PacedOrders orders;
    private JobClient job;

    public PipelineBenchmark(StackEndpoints endpoints, PrintStream out, List<Integer> rates, Duration runLength, long backlog,
                             int parallelism, Duration checkpointInterval) {
        this.endpoints = endpoints;
        this.out = out;
        this.rates = List.copyOf(rates);
        this.runLength = runLength;
        this.backlog = backlog;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.clickhouse = new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
        this.latencyTable = new LatencyTable(clickhouse, "dw_" + PREFIX);
        this.orders = new PacedOrders(endpoints.region(REGION).postgres());
    }

    /** Runs the suite and returns its Markdown section. */
    public String run() throws Exception {
        orders.createTables();
        List<LatencyRow> latencies = new ArrayList<>();
        double captureOnly;
        double processingOnly;
        double endToEnd;
        try {
            // The slot and topics exist before any backlog, so backlogs are streamed, not snapshotted.
            try (CaptureService first = new CaptureService(captureSettings())) {
                first.start();
                startJob(JobSettings.Visibility.TRANSACTION);
                warmUp();
                stopJob();
            }
            out.printf("writing a backlog of %,d transactions (%,d row changes) with capture and job stopped%n", backlog, backlog * 3);
            writeBacklog();
            try (CaptureService capture = new CaptureService(captureSettings())) {
                long before = capturedChanges(capture);
                capture.start();
                captureOnly = DrainRate.measure(out, "capture alone, PostgreSQL → Kafka", backlog * 3, () -> capturedChanges(capture) - before) / 3;
                startJob(JobSettings.Visibility.TRANSACTION);
                long visibleFrom = System.currentTimeMillis();
                processingOnly = DrainRate.measure(out, "job alone, Kafka → views", backlog, () -> latencyTable.progressSince(visibleFrom).transactions());
                awaitViewOrders(Duration.ofMinutes(5));
                stopJob();
            }
            out.printf("writing a second backlog of %,d transactions with capture and job stopped%n", backlog);
            writeBacklog();
            try (CaptureService capture = new CaptureService(captureSettings())) {
                long visibleFrom = System.currentTimeMillis();
                capture.start();
                startJob(JobSettings.Visibility.TRANSACTION);
                endToEnd = DrainRate.measure(out, "capture and job together, PostgreSQL → views", backlog,
                        () -> latencyTable.progressSince(visibleFrom).transactions());
                awaitViewOrders(Duration.ofMinutes(5));
                stopJob();

                for (JobSettings.Visibility mode : JobSettings.Visibility.values()) {
                    startJob(mode);
                    warmUp();
                    for (int rate : rates) {
                        if (rate > endToEnd) {
                            out.printf("  %s mode, %,d tx/s: not run, above the %,.0f tx/s the whole pipeline sustained in this run%n",
                                    mode.name().toLowerCase(), rate, endToEnd);
                            latencies.add(new LatencyRow(mode, rate, Double.NaN, null, Double.NaN, null));
                            continue;
                        }
                        latencies.add(latencyRun(mode, rate, null));
                    }
                    stopJob();
                }
                // Readers through the SQL gateway, which holds every query's views at one cut.
                // The job only publishes here: without a gateway running, the views' cut stays where it is.
                startJob(JobSettings.Visibility.TRANSACTION, true);
                try (SqlGateway gateway = startGateway()) {
                    warmUp();
                }
                for (int rate : rates) {
                    if (rate > endToEnd) {
                        out.printf("  through the gateway, %,d tx/s: not run, above the %,.0f tx/s the whole pipeline sustained%n", rate, endToEnd);
                        continue;
                    }
                    // A fresh gateway per rate, so that its wait figures are this rate's alone.
                    try (SqlGateway gateway = startGateway()) {
                        latencies.add(latencyRun(JobSettings.Visibility.TRANSACTION, rate, gateway));
                    }
                }
                stopJob();
            }
        } finally {
            stopJob();
        }
        return report(latencies, captureOnly, processingOnly, endToEnd);
    }

    private SqlGateway startGateway() throws java.io.IOException {
        return new SqlGateway("127.0.0.1", 0, endpoints.clickhouse().url(), endpoints.clickhouse().user(),
                endpoints.clickhouse().password(), "dw_" + PREFIX, SqlGateway.DEFAULT_PERIOD).start();
    }

    private CaptureSettings captureSettings() {
        return captureSettings(endpoints);
    }

    /** Capture of the benchmark's tables in {@link #REGION}, into topics prefixed {@link #PREFIX}. */
    static CaptureSettings captureSettings(StackEndpoints endpoints) {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        return new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                endpoints.region(REGION).kafka().bootstrapServers(), endpoints.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), null, 10_000L, 10L, "initial", 1));
    }

    static long capturedChanges(CaptureService capture) {
        return capture.status().tables().stream().filter(t -> t.topic().endsWith("." + PacedOrders.ORDERS) || t.topic().endsWith("." + PacedOrders.LINES))
                .mapToLong(TableState::records).sum();
    }

    private void startJob(JobSettings.Visibility mode) throws Exception {
        startJob(mode, false);
    }

    /** {@code gatewayKeepsTheCut}: the job only publishes positions, and a SQL gateway advances the views' cut. */
    private void startJob(JobSettings.Visibility mode, boolean gatewayKeepsTheCut) throws Exception {
        JobSettings settings = io.driftwatch.engine.cluster.StackJobSettings.of(endpoints, PREFIX, parallelism, checkpointInterval, mode, 0, null);
        if (gatewayKeepsTheCut) {
            settings = settings.withClickHouse(settings.clickhouse().withGatewayKeepingTheCut());
        }
        String restore = CheckpointLocator.latest(settings).orElse(null);
        out.printf("starting the job, visibility %s, parallelism %d, checkpoints every %d ms%s%s%n", mode.name().toLowerCase(), parallelism,
                checkpointInterval.toMillis(), gatewayKeepsTheCut ? ", the cut kept by a SQL gateway" : "",
                restore == null ? "" : ", from " + restore);
        job = PipelineJob.startLocal(settings, restore);
    }

    private void stopJob() throws Exception {
        if (job != null) {
            job.cancel().get();
            job = null;
        }
    }

    /** A few transactions through the fresh job, so that start-up does not count in the first rate. */
    private void warmUp() throws Exception {
        orders.run(50, 2, Duration.ofSeconds(4));
        awaitViewOrders(Duration.ofMinutes(3));
    }

    /** {@code gateway}: null, or the SQL gateway a reader queries throughout the run. */
    private LatencyRow latencyRun(JobSettings.Visibility mode, int rate, SqlGateway gateway) throws Exception {
        int connections = rate >= 1000 ? 8 : 2;
        long start = System.currentTimeMillis();
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Long> readerMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = null;
        if (gateway != null) {
            ClickHouseHttp throughGateway = new ClickHouseHttp(gateway.url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
            reader = new Thread(() -> read(throughGateway, reading, readerMillis), "bench-reader");
            reader.start();
        }
        PacedOrders.Result result;
        double catchUp;
        try {
            result = orders.run(rate, connections, runLength);
            long writerDone = System.nanoTime();
            awaitViewOrders(Duration.ofMinutes(3));
            catchUp = (System.nanoTime() - writerDone) / 1e9;
        } finally {
            reading.set(false);
            if (reader != null) {
                reader.join(60_000);
            }
        }
        Thread.sleep(1_500); // the engine flushes its latency figures once a second
        LatencyTable.Summary latency = latencyTable.summary(REGION, start + 5_000, Long.MAX_VALUE);
        Gateway figures = null;
        if (gateway != null) {
            List<Long> sorted = new ArrayList<>(readerMillis);
            java.util.Collections.sort(sorted);
            figures = new Gateway(gateway.figures(), sorted.size(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2));
        }
        out.printf("  %s mode%s, %,d tx/s (achieved %,.0f): p50 %.0f ms, p99 %.0f ms over %,d transactions; views caught up %.1f s after "
                + "the last commit%s%n", mode.name().toLowerCase(), gateway == null ? "" : " through the SQL gateway", rate, result.ratePerSecond(),
                latency.p50(), latency.p99(), latency.transactions(), catchUp, figures == null ? "" : String.format(
                        "; cut advances waited p50 %d ms, p99 %d ms, max %d ms over %,d advances; %,d reader queries, median %d ms",
                        figures.figures().waitP50Millis(), figures.figures().waitP99Millis(), figures.figures().waitMaxMillis(),
                        figures.figures().advances(), figures.readerQueries(), figures.readerMedianMillis()));
        return new LatencyRow(mode, rate, result.ratePerSecond(), latency, catchUp, figures);
    }

    private static void read(ClickHouseHttp clickhouse, AtomicBoolean reading, List<Long> millis) {
        while (reading.get()) {
            long begin = System.nanoTime();
            try {
                clickhouse.query(READER_QUERY);
                millis.add((System.nanoTime() - begin) / 1_000_000);
            } catch (RuntimeException notYet) {
                // a view appears with its table's first row
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void writeBacklog() throws Exception {
        PacedOrders.Result result = orders.backlog(backlog, 8);
        out.printf("  written at %,.0f transactions/s%n", result.ratePerSecond());
    }

    private void awaitViewOrders(Duration timeout) throws Exception {
        long expected = orders.committed();
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try {
                seen = clickhouse.query("SELECT count() AS n FROM dw_" + PREFIX + "." + PacedOrders.ORDERS).get(0).get("n").asLong();
                if (seen >= expected) {
                    return;
                }
            } catch (ClickHouseHttp.ClickHouseException notYet) {
                // the view appears with the first order
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the view shows " + seen + " of " + expected + " orders after " + timeout.toSeconds() + " s");
    }

    private String report(List<LatencyRow> latencies, double captureOnly, double processingOnly, double endToEnd) {
        List<List<String>> rows = new ArrayList<>();
        for (LatencyRow r : latencies) {
            String reads = r.gateway() == null ? "directly" : "through the SQL gateway";
            if (r.latency() == null) {
                rows.add(List.of(r.mode().name().toLowerCase(), reads, String.format("%,d", r.rate()), "—", "not sustained", "not sustained", "—",
                        String.format("above the %,.0f tx/s maximum", endToEnd), "—"));
                continue;
            }
            String waits = r.gateway() == null ? "— (the job advances the cut)" : String.format("%d / %d ms (%,d advances; reader query median %d ms)",
                    r.gateway().figures().waitP50Millis(), r.gateway().figures().waitP99Millis(), r.gateway().figures().advances(),
                    r.gateway().readerMedianMillis());
            rows.add(List.of(r.mode().name().toLowerCase(), reads, String.format("%,d", r.rate()), String.format("%,.0f", r.achieved()),
                    String.format("%.0f ms", r.latency().p50()), String.format("%.0f ms", r.latency().p99()),
                    String.format("%,d", r.latency().transactions()), String.format("%.1f s", r.catchUpSeconds()), waits));
        }
        String latencyTableMd = BenchmarkReport.table(List.of("visibility", "readers", "offered tx/s", "committed tx/s", "commit→published p50",
                "commit→published p99", "transactions measured", "views caught up after last commit", "cut advance waited p50 / p99"), rows);
        String throughput = BenchmarkReport.table(List.of("backlog of " + String.format("%,d", backlog) + " transactions (3 row changes each)",
                "transactions/s", "ratio to capture alone"), List.of(
                List.of("capture alone: PostgreSQL → Kafka", String.format("%,.0f", captureOnly), "1.00"),
                List.of("job alone: Kafka → consistent views", String.format("%,.0f", processingOnly), String.format("%.2f", processingOnly / captureOnly)),
                List.of("whole pipeline: PostgreSQL → consistent views", String.format("%,.0f", endToEnd), String.format("%.2f", endToEnd / captureOnly))));
        return latencyTableMd + "\n" + throughput + "\n" + """
                Each transaction inserts an order and its two lines (two tables, three row changes) in one statement.
                Latency is the engine's own measure, kept in ClickHouse's `_latency` table: from the source commit
                time (PostgreSQL's, in the END marker) until the visible position covering the transaction is stored
                in ClickHouse, so it includes capture, Kafka, assembly, the row writes, the %d ms batching of writes
                and positions and, in checkpoint mode, the wait for the checkpoint (every %d ms) that covers it.
                Read directly, that is when the views show the transaction (the job advances their cut as it
                publishes). Through the SQL gateway (docs/VIEWS.md, "One query, one cut"), a reader sent a query over
                two views again as soon as it returned, and the views show a published position once the gateway has
                seen it (it looks every %d ms) and no query is running: add up to that period and the cut advance's
                wait (last column) to the published figures.
                Transactions committed in the first 5 s of each %d s run are left out. "Committed tx/s" is what
                the writer achieved; where it is below the offered rate the writer, not the pipeline, was the limit.
                A rate above the maximum the whole pipeline sustained (the third throughput figure) is not run:
                its latency would only grow with the run's length. Job parallelism %d;
                everything (PostgreSQL, Kafka, registry, ClickHouse, Flink, capture, writer) shares the machine's
                cores. Throughput is over the last 90 %% of each backlog. Quote these as figures of one run on a
                shared, noisy machine.
                """.formatted(50, checkpointInterval.toMillis(), SqlGateway.DEFAULT_PERIOD.toMillis(), runLength.toSeconds(), parallelism);
    }
}
