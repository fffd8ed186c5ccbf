package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.TableState;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.CheckpointLocator;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** One latency run. */
    private record LatencyRow(JobSettings.Visibility mode, int rate, double achieved, LatencyTable.Summary latency, double catchUpSeconds) {}

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
                            latencies.add(new LatencyRow(mode, rate, Double.NaN, null, Double.NaN));
                            continue;
                        }
                        latencies.add(latencyRun(mode, rate));
                    }
                    stopJob();
                }
            }
        } finally {
            stopJob();
        }
        return report(latencies, captureOnly, processingOnly, endToEnd);
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
        JobSettings settings = ProcessPlan.fromLocalStack(endpoints, PREFIX, parallelism, checkpointInterval, mode, 0, null);
        String restore = CheckpointLocator.latest(settings).orElse(null);
        out.printf("starting the job, visibility %s, parallelism %d, checkpoints every %d ms%s%n", mode.name().toLowerCase(), parallelism,
                checkpointInterval.toMillis(), restore == null ? "" : ", from " + restore);
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

    private LatencyRow latencyRun(JobSettings.Visibility mode, int rate) throws Exception {
        int connections = rate >= 1000 ? 8 : 2;
        long start = System.currentTimeMillis();
        PacedOrders.Result result = orders.run(rate, connections, runLength);
        long writerDone = System.nanoTime();
        awaitViewOrders(Duration.ofMinutes(3));
        double catchUp = (System.nanoTime() - writerDone) / 1e9;
        Thread.sleep(1_500); // the engine flushes its latency figures once a second
        LatencyTable.Summary latency = latencyTable.summary(REGION, start + 5_000, Long.MAX_VALUE);
        out.printf("  %s mode, %,d tx/s (achieved %,.0f): p50 %.0f ms, p99 %.0f ms over %,d transactions; views caught up %.1f s after "
                + "the last commit%n", mode.name().toLowerCase(), rate, result.ratePerSecond(), latency.p50(), latency.p99(),
                latency.transactions(), catchUp);
        return new LatencyRow(mode, rate, result.ratePerSecond(), latency, catchUp);
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
            if (r.latency() == null) {
                rows.add(List.of(r.mode().name().toLowerCase(), String.format("%,d", r.rate()), "—", "not sustained", "not sustained", "—",
                        String.format("above the %,.0f tx/s maximum", endToEnd)));
                continue;
            }
            rows.add(List.of(r.mode().name().toLowerCase(), String.format("%,d", r.rate()), String.format("%,.0f", r.achieved()),
                    String.format("%.0f ms", r.latency().p50()), String.format("%.0f ms", r.latency().p99()),
                    String.format("%,d", r.latency().transactions()), String.format("%.1f s", r.catchUpSeconds())));
        }
        String latencyTableMd = BenchmarkReport.table(List.of("visibility", "offered tx/s", "committed tx/s", "commit→visible p50",
                "commit→visible p99", "transactions measured", "views caught up after last commit"), rows);
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
                Transactions committed in the first 5 s of each %d s run are left out. "Committed tx/s" is what
                the writer achieved; where it is below the offered rate the writer, not the pipeline, was the limit.
                A rate above the maximum the whole pipeline sustained (the third throughput figure) is not run:
                its latency would only grow with the run's length. Job parallelism %d;
                everything (PostgreSQL, Kafka, registry, ClickHouse, Flink, capture, writer) shares the machine's
                cores. Throughput is over the last 90 %% of each backlog. Quote these as figures of one run on a
                shared, noisy machine.
                """.formatted(50, checkpointInterval.toMillis(), runLength.toSeconds(), parallelism);
    }
}
