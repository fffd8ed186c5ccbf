package io.driftwatch.engine.fault;

import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.CaptureStatus;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.PortAllocator;
import io.driftwatch.engine.verify.InvariantSampler;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/**
 * One region's whole pipeline on a local stack, kept running under a steady load while faults
 * come and go: capture, the processing job (in this JVM, checkpointing every second), the load,
 * and an invariant sampler reading the views all the time.
 *
 * <p>A drill injects a fault, keeps the load going through it, removes it, and measures how long
 * the views take to catch up; it then pauses the load and waits for {@code verify} (every view
 * equal to its source) before the next drill, so each fault ends with the views proven exact.
 */
public final class DrillPipeline implements AutoCloseable {
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(4);

    private final LocalStack stack;
    private final String region;
    private final String prefix;
    private final String database;
    private final Consumer<String> progress;
    private final ClickHouseHttp clickhouse;
    private final SteadyLoad load;
    private final ViewsDisk disk;
    private CaptureService capture;
    private JobClient job;
    private FlinkJobs flink;
    private InvariantSampler sampler;

    private DrillPipeline(LocalStack stack, String region, String prefix, int rate, ViewsDisk disk, Consumer<String> progress) {
        this.stack = stack;
        this.region = region;
        this.prefix = prefix;
        this.database = PipelineNames.viewsDatabase(prefix);
        this.progress = progress;
        this.disk = disk;
        StackEndpoints.ClickHouse ch = stack.endpoints().clickhouse();
        this.clickhouse = new ClickHouseHttp(ch.url(), ch.user(), ch.password());
        this.load = new SteadyLoad(stack.endpoints().region(region).postgres(), prefix, rate);
    }

    /**
     * Starts capture, the job, the load and the sampler, and returns once the views show the
     * first orders. With {@code diskBytes > 0} the views' database gets a filesystem of that
     * size (root only; otherwise the disk-full fault reports that it cannot run here).
     */
    public static DrillPipeline start(LocalStack stack, String region, String prefix, int rate, long diskBytes,
                                      Consumer<String> progress) throws Exception {
        ViewsDisk disk = ViewsDisk.none(stack.dir());
        if (diskBytes > 0) {
            try {
                disk = ViewsDisk.mount(stack.dir().resolve("clickhouse"), PipelineNames.viewsDatabase(prefix), diskBytes);
            } catch (java.io.IOException e) {
                progress.accept("no size-limited filesystem for the views (" + e.getMessage() + "); the disk-full drill cannot run here");
            }
        }
        DrillPipeline pipeline = new DrillPipeline(stack, region, prefix, rate, disk, progress);
        try {
            pipeline.startAll();
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startAll() throws Exception {
        StackEndpoints e = stack.endpoints();
        StackEndpoints.Postgres pg = e.region(region).postgres();
        load.createTables();
        capture = new CaptureService(new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(region).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(prefix, List.of("public"), null, 1000L, 10L, "initial", 1)));
        capture.start();
        int restPort = PortAllocator.freeLoopbackPort();
        JobSettings settings = new JobSettings(prefix, Map.of(region, e.region(region).kafka().bootstrapServers()), e.registry().url(),
                new ClickHouseSettings(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(), database, List.of(region)),
                1, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION, "s3p://" + e.s3().bucket() + "/" + prefix,
                new JobSettings.S3(e.s3().endpoint(), e.s3().accessKey(), e.s3().secretKey()), restPort, Duration.ofMillis(50), null);
        job = PipelineJob.startLocal(settings, null);
        flink = new io.driftwatch.engine.cluster.FlinkClusterClient("http://127.0.0.1:" + restPort);
        load.start();
        awaitVisible(2, Duration.ofMinutes(3)); // the seed order and one of the load's
        sampler = new InvariantSampler(clickhouse, database, prefix);
        progress.accept("pipeline " + prefix + " running under load; Flink REST API at " + flink.baseUrl());
    }

    public SteadyLoad load() {
        return load;
    }

    public CaptureService capture() {
        return capture;
    }

    public ViewsDisk disk() {
        return disk;
    }

    public InvariantSampler sampler() {
        return sampler;
    }

    public String database() {
        return database;
    }

    public FlinkJobs flink() {
        return flink;
    }

    public String jobId() {
        return job.getJobID().toString();
    }

    /** Injects {@code fault}, keeps it for {@code outage} under load, removes it, and measures the recovery. */
    public DrillResult drill(Fault fault, Duration outage) throws Exception {
        DrillContext context = new DrillContext(stack, load, disk);
        long restartsBefore = capture.status().restarts();
        int samplesBefore = sampler.samples();
        int committedBefore = load.committed();
        int failedBefore = load.failed();
        Instant injected = Instant.now();
        progress.accept(fault.name() + ": " + fault.what());
        fault.inject().run(context);
        Set<String> captureReport = new LinkedHashSet<>();
        long end = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < end) {
            CaptureStatus status = capture.status();
            if (status.state() != io.driftwatch.engine.capture.CaptureState.RUNNING && status.lastError() != null) {
                captureReport.add(status.state().name().toLowerCase() + ": " + status.lastError());
            }
            Thread.sleep(250);
        }
        Duration back = fault.heal().run(context);
        long healed = System.nanoTime();
        // The first order committed after the fault is gone: once it is visible, the pipeline flows again end to end.
        long lastBefore = load.lastOrderId();
        long committedBy = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (load.lastOrderId() <= lastBefore && System.nanoTime() < committedBy) {
            Thread.sleep(20);
        }
        if (load.lastOrderId() <= lastBefore) {
            throw new IllegalStateException(fault.name() + ": the load committed no order within " + CATCH_UP_LIMIT.toSeconds()
                    + " s after the fault was removed; its last error: " + load.lastError());
        }
        long marker = load.lastOrderId();
        progress.accept(String.format("%s: removed (server answered after %.1f s); waiting for order %d in the views", fault.name(),
                back.toMillis() / 1000.0, marker));
        awaitOrder(marker, CATCH_UP_LIMIT);
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - healed);
        int committed = load.committed() - committedBefore;
        load.pause();
        long pausedAt = System.nanoTime();
        Duration verified;
        Duration copiesCaughtUp = null;
        try {
            awaitVerified(CATCH_UP_LIMIT);
            verified = Duration.ofNanos(System.nanoTime() - pausedAt);
            if (stack.endpoints().regionNames().size() > 1) {
                awaitCopies(CATCH_UP_LIMIT);
                copiesCaughtUp = Duration.ofNanos(System.nanoTime() - healed);
            }
        } finally {
            load.resume();
        }
        List<String> jobFailures = new ArrayList<>();
        for (FlinkJobs.Failure f : flink.failures(jobId())) {
            if (!f.at().isBefore(injected)) {
                jobFailures.add(f.rootCause());
            }
        }
        DrillResult result = new DrillResult(fault.name(), fault.what(), outage, back, caughtUp, verified, committed,
                load.failed() - failedBefore, capture.status().restarts() - restartsBefore, String.join(" | ", captureReport),
                jobFailures, sampler.samples() - samplesBefore, sampler.pinnedViolations(), copiesCaughtUp);
        progress.accept(String.format("%s: views caught up %.1f s after the fault was removed, verified %.1f s after the load paused%s; "
                + "%d job failure(s), %d capture restart(s), %d sample(s), %d partial transaction(s) seen", fault.name(),
                caughtUp.toMillis() / 1000.0, verified.toMillis() / 1000.0,
                copiesCaughtUp == null ? "" : String.format(", copies in the other region caught up %.1f s after the removal",
                        copiesCaughtUp.toMillis() / 1000.0),
                jobFailures.size(), result.captureRestarts(), result.samples(), result.pinnedViolations().size()));
        return result;
    }

    /**
     * Waits until MirrorMaker 2's copy of every topic of this pipeline, in every other region, has
     * its original's newest record; fails naming the copies still behind.
     */
    private void awaitCopies(Duration timeout) throws InterruptedException {
        try (io.driftwatch.engine.failover.MirrorLagProbe probe = new io.driftwatch.engine.failover.MirrorLagProbe(stack.endpoints(), prefix)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            io.driftwatch.engine.api.ReplicationProbe.Result last = probe.probe();
            while (System.nanoTime() < deadline) {
                last = probe.probe();
                if (last.caughtUp()) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("MirrorMaker 2's copies did not catch up within " + timeout.toSeconds() + " s: "
                    + last.partitions().stream().filter(p -> p.lagRecords() > 0 || p.lagMillis() != 0).toList() + " " + last.problems()
                    + " " + last.flows().stream().map(io.driftwatch.engine.api.MirrorFlow::describe).toList());
        }
    }

    /** Waits until the orders view shows order {@code id} or a later one. */
    private void awaitOrder(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (clickhouse.query("SELECT count() AS n FROM " + database + "." + load.ordersTable() + " WHERE id >= " + id)
                        .get(0).get("n").asLong() > 0) {
                    return;
                }
            } catch (ClickHouseHttp.ClickHouseException notYet) {
                // ClickHouse may still be recovering
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the views did not show order " + id + " within " + timeout.toSeconds() + " s");
    }

    private void awaitVisible(long orders, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (clickhouse.query("SELECT count() AS n FROM " + database + "." + load.ordersTable()).get(0).get("n").asLong() >= orders) {
                    return;
                }
            } catch (ClickHouseHttp.ClickHouseException notYet) {
                // the view appears with the first order
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the views showed no order within " + timeout.toSeconds() + " s");
    }

    /** Waits until the three tables' views equal their source (the keyless audit: nothing applied twice); fails naming the difference. */
    public void awaitVerified(Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, database);
        io.driftwatch.engine.verify.Convergence.await(() -> {
            try (Connection c = SteadyLoad.connect(stack.endpoints().region(region).postgres())) {
                return List.of(verifier.verify(c, "public", load.ordersTable()), verifier.verify(c, "public", load.linesTable()),
                        verifier.verify(c, "public", load.auditTable()));
            }
        }, timeout, Duration.ofMillis(500));
    }

    @Override
    public void close() throws Exception {
        try {
            load.close();
            if (sampler != null) {
                sampler.close();
            }
            if (job != null) {
                job.cancel().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            if (capture != null) {
                capture.close();
            }
            if (disk.mounted()) {
                try {
                    clickhouse.execute("DROP DATABASE IF EXISTS " + database);
                } catch (ClickHouseHttp.ClickHouseException gone) {
                    // the views' database goes with the filesystem anyway
                }
                disk.close();
            }
        }
    }
}
