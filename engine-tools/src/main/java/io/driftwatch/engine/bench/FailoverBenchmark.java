package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.failover.RegionFailover;
import io.driftwatch.engine.failover.RegionSource;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.PortAllocator;
import io.driftwatch.engine.verify.Convergence;
import io.driftwatch.engine.verify.ViewVerifier;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bench failover}: both regions under paced load, the primary's Kafka broker killed, the
 * job failing over on its own, the broker restarted after an outage, a failback on command, and
 * the views verified against both sources. Reports each move's figures as the engine recorded them.
 */
public final class FailoverBenchmark {
    private static final String PREFIX = "fobench";
    private final LocalStack stack;
    private final PrintStream out;
    private final int ratePerRegion;
    private final Duration outage;
    private final Duration detection;

    public FailoverBenchmark(LocalStack stack, PrintStream out, int ratePerRegion, Duration outage, Duration detection) {
        this.stack = stack;
        this.out = out;
        this.ratePerRegion = ratePerRegion;
        this.outage = outage;
        this.detection = detection;
    }

    public String run() throws Exception {
        StackEndpoints e = stack.endpoints();
        List<String> regions = e.regionNames();
        String primary = regions.get(0);
        Map<String, PacedOrders> load = new LinkedHashMap<>();
        Map<String, RegionSource> sources = new LinkedHashMap<>();
        List<CaptureService> captures = new ArrayList<>();
        for (String region : regions) {
            PacedOrders orders = new PacedOrders(e.region(region).postgres(), schemaOf(region));
            orders.createTables();
            load.put(region, orders);
            CaptureSettings capture = captureSettings(e, region);
            sources.put(region, new RegionSource(region, e.region(region).postgres(), capture.slotName()));
            captures.add(new CaptureService(capture));
        }
        try {
            for (CaptureService c : captures) {
                c.start();
            }
            JobSettings job = io.driftwatch.engine.cluster.StackJobSettings.of(e, PREFIX, 1, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION,
                    PortAllocator.freeLoopbackPort(), null);
            try (RegionFailover failover = RegionFailover.start(job, PipelineJob::startLocal, primary, sources, e.clickhouse(), detection,
                    null, line -> out.println("  " + line))) {
                Duration warmUp = Duration.ofSeconds(20);
                Duration total = warmUp.plus(outage).plus(Duration.ofSeconds(60));
                List<CompletableFuture<PacedOrders.Result>> writers = new ArrayList<>();
                load.values().forEach(orders -> writers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return orders.run(ratePerRegion, 2, total);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })));
                Thread.sleep(warmUp.toMillis());
                out.printf("killing kafka-%s (kill -9) under %d tx/s per region%n", primary, ratePerRegion);
                stack.kill("kafka-" + primary);
                long killed = System.nanoTime();
                while (failover.activeRegion().equals(primary)) {
                    Thread.sleep(100);
                }
                Thread.sleep(Math.max(0, outage.toMillis() - (System.nanoTime() - killed) / 1_000_000));
                out.printf("restarting kafka-%s after %d s%n", primary, (System.nanoTime() - killed) / 1_000_000_000);
                stack.restart("kafka-" + primary, line -> out.println("  " + line));
                failover.failbackWhenReady(Duration.ofMinutes(3));
                for (CompletableFuture<PacedOrders.Result> w : writers) {
                    w.join();
                }
                verify(e);
                List<FailoverFigures> figures = awaitFigures(failover);
                return report(figures, load);
            }
        } finally {
            for (CaptureService c : captures) {
                c.close();
            }
        }
    }

    private static String schemaOf(String region) {
        return region.replaceAll("[^a-z0-9]", "_");
    }

    private static CaptureSettings captureSettings(StackEndpoints e, String region) {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        return new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(region).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of(schemaOf(region)), null, 1_000L, 10L, "initial", 1));
    }

    private void verify(StackEndpoints e) throws Exception {
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        ViewVerifier verifier = new ViewVerifier(clickhouse, "dw_" + PREFIX);
        Convergence.await(() -> {
            List<ViewVerifier.Result> results = new ArrayList<>();
            for (String region : e.regionNames()) {
                try (Connection c = PacedOrders.connect(e.region(region).postgres())) {
                    results.add(verifier.verify(c, schemaOf(region), PacedOrders.ORDERS));
                    results.add(verifier.verify(c, schemaOf(region), PacedOrders.LINES));
                }
            }
            return results;
        }, Duration.ofMinutes(5), Duration.ofSeconds(1));
        out.println("verify: every view equals its region's source");
    }

    private List<FailoverFigures> awaitFigures(RegionFailover failover) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<FailoverFigures> figures = failover.figures();
        while (System.nanoTime() < deadline && !(figures.size() >= 2 && figures.stream().allMatch(f -> f.allArrived() != null))) {
            Thread.sleep(1000);
            figures = failover.figures();
        }
        return figures;
    }

    private String report(List<FailoverFigures> figures, Map<String, PacedOrders> load) {
        List<List<String>> rows = new ArrayList<>();
        for (FailoverFigures f : figures) {
            rows.add(List.of(f.kind(), f.from() + " → " + f.to(), f.trigger(), f.detectionMillis() + " ms",
                    f.rtoMillis() < 0 ? "not measured" : f.rtoMillis() + " ms",
                    f.pendingTransactions().toString(),
                    f.allArrived() == null ? "unknown" : f.allArrived() ? "yes, " + (f.arrivedAtMillis() - f.failedAtMillis()) + " ms after" : "no",
                    f.duplicatesAbsorbed() < 0 ? "unknown" : Long.toString(f.duplicatesAbsorbed()),
                    f.placements().toString()));
        }
        long committed = load.values().stream().mapToLong(PacedOrders::committed).sum();
        String table = BenchmarkReport.table(List.of("move", "regions", "trigger", "detection", "RTO (views advance again)",
                "pending at failure", "all pending visible", "duplicates absorbed", "partitions placed by"), rows);
        String body = String.format("""
                Two regions, each committing %d transactions/s (one order and two lines each) into its own PostgreSQL;
                MirrorMaker 2 between the regions' Kafka clusters; the job (parallelism 1) reads the active region's
                cluster. The primary's broker is killed with SIGKILL 20 s into the run, restarted %d s later, and
                processing is failed back on command once it answers. Failure detection timeout: %d s.
                %,d transactions committed in all; every view equal to its region's source at the end (verify).

                %s
                Detection is the time from the first failed health probe to the decision (the timeout plus one probe).
                RTO runs from the first failed probe until a view advanced again from the new region. Pending are the
                transactions committed in each source but not yet visible when the failure was detected; after a
                failover, the failed region's pending transactions sit on its dead broker (or in its WAL, as capture
                cannot publish) and arrive only once the broker is back, so "all pending visible" includes the outage.
                Duplicates are transactions read again after the move and skipped as already visible (their rows
                rewritten idempotently).
                """, ratePerRegion, outage.toSeconds(), detection.toSeconds(), committed, table);
        out.println(body);
        return body;
    }
}
