package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.cluster.ClusterJobs;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.sink.ClickHouseHttp;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Suite {@code cluster}: the processing job's throughput on the standalone Flink cluster at each
 * parallelism. One backlog of transactions is captured into Kafka once; then, for each
 * parallelism, the job starts from nothing (no state, no committed offsets, no views) and drains
 * the whole backlog into the consistent views, counted as orders visible in the orders view. The
 * rate is over the last 90 % of the backlog.
 */
public final class ClusterBenchmark {
    private final StackEndpoints endpoints;
    private final ClusterJobs jobs;
    private final PrintStream out;
    private final List<Integer> parallelisms;
    private final long backlog;
    private final Duration checkpointInterval;
    private final ClickHouseHttp clickhouse;

    public ClusterBenchmark(StackEndpoints endpoints, ClusterJobs jobs, PrintStream out, List<Integer> parallelisms, long backlog,
                            Duration checkpointInterval) {
        this.endpoints = endpoints;
        this.jobs = jobs;
        this.out = out;
        this.parallelisms = List.copyOf(parallelisms);
        this.backlog = backlog;
        this.checkpointInterval = checkpointInterval;
        this.clickhouse = new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
    }

    /** Runs the suite and returns its Markdown section. */
    public String run() throws Exception {
        PacedOrders orders = new PacedOrders(endpoints.region(PipelineBenchmark.REGION).postgres());
        orders.createTables();
        try (CaptureService capture = new CaptureService(PipelineBenchmark.captureSettings(endpoints))) {
            capture.start();
            out.printf("writing a backlog of %,d transactions (%,d row changes) and capturing it into Kafka%n", backlog, backlog * 3);
            orders.backlog(backlog, 8);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (PipelineBenchmark.capturedChanges(capture) < backlog * 3) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("capture did not take the backlog into Kafka within 10 minutes");
                }
                Thread.sleep(200);
            }
        }
        Map<Integer, Double> rates = new LinkedHashMap<>();
        Map<Integer, Double> loads = new LinkedHashMap<>();
        for (int parallelism : parallelisms) {
            rates.put(parallelism, drainAt(parallelism));
            // Other programs on the machine take cores from the cluster: the report says how busy it was.
            loads.put(parallelism, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return report(rates, loads);
    }

    private double drainAt(int parallelism) throws Exception {
        forgetPreviousRun();
        JobSettings settings = io.driftwatch.engine.cluster.StackJobSettings.of(endpoints, PipelineBenchmark.PREFIX, parallelism, checkpointInterval,
                JobSettings.Visibility.TRANSACTION, 0, null);
        String jobId = jobs.submit(settings, parallelism, null);
        try {
            return DrainRate.measure(out, "job at parallelism " + parallelism + " on the cluster, Kafka → views", backlog,
                    this::visibleOrders);
        } finally {
            jobs.client().cancel(jobId);
            // Under load a subtask may take a while to leave a ClickHouse write.
            jobs.client().awaitState(jobId, "CANCELED", Duration.ofMinutes(3));
        }
    }

    /** Each run starts from nothing: no views, and no offsets committed by the previous run's job. */
    private void forgetPreviousRun() throws Exception {
        clickhouse.execute("DROP DATABASE IF EXISTS " + database());
        String bootstrap = endpoints.region(PipelineBenchmark.REGION).kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteConsumerGroups(List.of(JobSettings.consumerGroup(PipelineBenchmark.PREFIX))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Orders in the consistent view: a transaction counts once it is visible. */
    private long visibleOrders() {
        try {
            return clickhouse.query("SELECT count() AS n FROM " + database() + "." + PacedOrders.ORDERS).get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return 0; // the job creates its views with the first rows
        }
    }

    private static String database() {
        return "dw_" + PipelineBenchmark.PREFIX;
    }

    private String report(Map<Integer, Double> rates, Map<Integer, Double> loads) {
        double base = rates.values().iterator().next();
        List<List<String>> rows = new ArrayList<>();
        rates.forEach((p, rate) -> rows.add(List.of(Integer.toString(p), String.format("%,.0f", rate), String.format("%.2f", rate / base),
                String.format("%.1f", loads.get(p)))));
        String table = BenchmarkReport.table(List.of("job parallelism on the cluster", "transactions/s, Kafka → consistent views",
                "ratio to parallelism " + rates.keySet().iterator().next(),
                "machine's 1-minute load average at the end of the run"), rows);
        return table + "\n" + """
                The job jar on the local stack's standalone Flink session cluster (a JobManager and two TaskManagers with
                two slots each, every one its own JVM), from `./driftwatch bench cluster`. A backlog of %,d transactions
                (an order and two lines each, three row changes) is captured into Kafka once; for each parallelism the job
                starts without state, committed offsets or views and drains the whole backlog into the consistent views,
                checkpointing every %d ms to the S3-compatible store. Progress is the count of orders visible in the
                consistent orders view; rates are over the last 90 %% of the backlog.

                What to expect on this machine: 2 cores, shared by the JobManager, both TaskManagers, Kafka, ClickHouse,
                the S3-compatible store and PostgreSQL. At parallelism 1 one subtask chain does all the job's work on one
                core; at 2 the second core joins, so up to about twice the rate; beyond 2 there is no core left to gain,
                and the extra subtasks add shuffles, threads and ClickHouse insert batches competing for the same two
                cores (ClickHouse's merges run there too), so the rate falls back. The figures show the cluster runs the
                job unchanged at every parallelism; they are not a measure of how it scales on a real cluster with a core
                per slot. Quote them as one run on a shared, noisy machine.
                """.formatted(backlog, checkpointInterval.toMillis());
    }
}
