package io.driftwatch.engine.failover;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.naming.Regions;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.verify.InvariantSampler;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.OrderWorkload;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.stack.PortAllocator;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two regions under load, MirrorMaker 2 between them, processing in the primary: the primary's
 * Kafka broker is killed mid-load, processing fails over to the secondary on its own, the load
 * goes on, the broker comes back, processing fails back on command, and every view ends exactly
 * equal to its region's source — nothing lost (every order, line and audit row is there) and
 * nothing applied twice (the audit table has no key, so a change applied twice would show as a
 * second row).
 */
@ExtendWith(LocalStackExtension.class)
class FailoverIT {
    private static final String PREFIX = "failover";
    private static final String PRIMARY = Regions.PRIMARY;
    private static final String SECONDARY = Regions.SECONDARY;
    private static final int TRANSACTIONS = 2400;

    @Test
    void theJobFailsOverWhenThePrimaryBrokerDiesAndFailsBackWithNothingLostOrDoubled(LocalStack stack) throws Exception {
        StackEndpoints e = stack.endpoints();
        Map<String, OrderWorkload> workloads = Map.of(
                PRIMARY, new OrderWorkload(e.region(PRIMARY).postgres(), tables(PRIMARY)),
                SECONDARY, new OrderWorkload(e.region(SECONDARY).postgres(), tables(SECONDARY)));
        for (String region : List.of(PRIMARY, SECONDARY)) {
            try (Connection c = OrderWorkload.connect(e.region(region).postgres()); java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + PREFIX); // captured alone: the shared stack's other tables are in public
            }
            workloads.get(region).createTables();
        }
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        String database = "dw_" + PREFIX;
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        boolean brokerDown = false;
        try (CaptureService primaryCapture = new CaptureService(capture(e, PRIMARY));
             CaptureService secondaryCapture = new CaptureService(capture(e, SECONDARY));
             InvariantSampler primarySampler = new InvariantSampler(clickhouse, database, views(PRIMARY), PRIMARY);
             InvariantSampler secondarySampler = new InvariantSampler(clickhouse, database, views(SECONDARY), SECONDARY)) {
            primaryCapture.start();
            secondaryCapture.start();
            try (RegionFailover failover = RegionFailover.start(job(e), PipelineJob::startLocal, PRIMARY, sources(e), e.clickhouse(),
                    Duration.ofSeconds(5), null, line -> {
                        progress.add(line);
                        System.out.println("[failover] " + line);
                    })) {
                List<Thread> load = new ArrayList<>();
                workloads.forEach((region, w) -> load.add(start(region, w)));
                while (workloads.get(PRIMARY).committed() < TRANSACTIONS / 3 || !checkpointedBothRegions(clickhouse, database)) {
                    Thread.sleep(50);
                }
                stack.kill("kafka-" + PRIMARY);
                brokerDown = true;
                int atKill = workloads.get(PRIMARY).committed();
                awaitActive(failover, SECONDARY, Duration.ofMinutes(3));
                for (Thread t : load) {
                    t.join(Duration.ofMinutes(5).toMillis());
                }
                assertThat(workloads.get(PRIMARY).committed()).as("the primary's load went on").isEqualTo(TRANSACTIONS);
                stack.restart("kafka-" + PRIMARY, line -> System.out.println("[stack] " + line));
                brokerDown = false;
                failover.failbackWhenReady(Duration.ofMinutes(2));
                assertThat(failover.activeRegion()).isEqualTo(PRIMARY);

                awaitVerified(e, clickhouse, database, Duration.ofMinutes(4));
                List<FailoverFigures> figures = awaitArrived(failover, Duration.ofMinutes(3));
                List<io.driftwatch.engine.api.ReplicationLag> replication = awaitReplicated(e, Duration.ofMinutes(3));
                assertThat(replication).extracting(io.driftwatch.engine.api.ReplicationLag::fromRegion).contains(PRIMARY, SECONDARY);
                primarySampler.close();
                secondarySampler.close();
                assertThat(primarySampler.pinnedViolations()).as("partial primary transactions seen").isEmpty();
                assertThat(secondarySampler.pinnedViolations()).as("partial secondary transactions seen").isEmpty();
                assertThat(primarySampler.samples()).isGreaterThan(10);

                FailoverFigures out = figures.get(0);
                FailoverFigures back = figures.get(1);
                assertThat(out.kind()).isEqualTo("failover");
                assertThat(out.trigger()).isEqualTo("health");
                assertThat(out.from()).isEqualTo(PRIMARY);
                assertThat(out.to()).isEqualTo(SECONDARY);
                assertThat(out.detectionMillis()).as("detected after the 5 s timeout").isGreaterThanOrEqualTo(5000).isLessThan(30_000);
                assertThat(out.rtoMillis()).isGreaterThan(out.detectionMillis());
                assertThat(out.placements()).isNotEmpty();
                assertThat(out.allArrived()).isTrue();
                assertThat(back.kind()).isEqualTo("failback");
                assertThat(back.trigger()).isEqualTo("command");
                assertThat(back.allArrived()).isTrue();
                assertThat(out.duplicatesAbsorbed()).as("duplicates read from the job's metrics").isNotNegative();
                assertThat(back.duplicatesAbsorbed()).isNotNegative();
                System.out.printf("primary broker killed after %d of %d transactions; failover %s; failback %s%n",
                        atKill, TRANSACTIONS, out, back);
            }
        } finally {
            if (brokerDown) {
                stack.restart("kafka-" + PRIMARY, line -> { });
            }
        }
    }

    /** The region's tables: {@code failover.us_orders}, … (the workload appends {@code _orders}, …). */
    private static String tables(String region) {
        return PREFIX + "." + region.substring(0, 2);
    }

    /** Their views: {@code failover__us_orders}, … */
    private static String views(String region) {
        return PREFIX + "__" + region.substring(0, 2);
    }

    /** A checkpoint has completed with both regions' sources reading: a failover resumes from it, not from scratch. */
    private static boolean checkpointedBothRegions(ClickHouseHttp clickhouse, String database) {
        try {
            return clickhouse.query("SELECT uniqExact(data_region) AS n FROM " + database + "._source_positions").get(0).get("n").asInt() == 2;
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return false;
        }
    }

    private static Thread start(String region, OrderWorkload workload) {
        Thread t = new Thread(() -> {
            try {
                workload.run(TRANSACTIONS, region.hashCode(), 12);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, "load-" + region);
        t.start();
        return t;
    }

    private static CaptureSettings capture(StackEndpoints e, String region) {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        return new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(region).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of(PREFIX), null, 1000L, 10L, "initial", 1));
    }

    private static JobSettings job(StackEndpoints e) {
        ClickHouseSettings views = new ClickHouseSettings(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(),
                "dw_" + PREFIX, List.of(PRIMARY, SECONDARY));
        return new JobSettings(PREFIX, Map.of(PRIMARY, e.region(PRIMARY).kafka().bootstrapServers(),
                SECONDARY, e.region(SECONDARY).kafka().bootstrapServers()),
                e.registry().url(), views, 2, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION,
                "s3p://checkpoints/" + PREFIX, new JobSettings.S3(e.s3().endpoint(), e.s3().accessKey(), e.s3().secretKey()),
                PortAllocator.freeLoopbackPort(), Duration.ofMillis(50), null);
    }

    private static Map<String, RegionSource> sources(StackEndpoints e) {
        return Map.of(PRIMARY, new RegionSource(PRIMARY, e.region(PRIMARY).postgres(), capture(e, PRIMARY).slotName()),
                SECONDARY, new RegionSource(SECONDARY, e.region(SECONDARY).postgres(), capture(e, SECONDARY).slotName()));
    }

    private static void awaitActive(RegionFailover failover, String region, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!failover.activeRegion().equals(region)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("processing did not move to " + region + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitVerified(StackEndpoints e, ClickHouseHttp clickhouse, String database, Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, database);
        io.driftwatch.engine.verify.Convergence.await(() -> {
            List<ViewVerifier.Result> results = new ArrayList<>();
            for (String region : List.of(PRIMARY, SECONDARY)) {
                try (Connection c = OrderWorkload.connect(e.region(region).postgres())) {
                    for (String table : List.of("_orders", "_lines", "_audit")) {
                        results.add(verifier.verify(c, PREFIX, region.substring(0, 2) + table));
                    }
                }
            }
            return results;
        }, timeout, Duration.ofSeconds(1));
    }

    /** Once the load stopped, MirrorMaker's copies catch up: every capture partition's copy reaches its original's end. */
    private static List<io.driftwatch.engine.api.ReplicationLag> awaitReplicated(StackEndpoints e, Duration timeout) throws InterruptedException {
        try (io.driftwatch.engine.api.ReplicationProbe probe = PipelineClients.load().replicationProbe(e, PREFIX)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            io.driftwatch.engine.api.ReplicationProbe.Result result = probe.probe();
            while (System.nanoTime() < deadline) {
                result = probe.probe();
                if (result.caughtUp()) {
                    return result.partitions();
                }
                Thread.sleep(1000);
            }
            throw new AssertionError("the copies did not catch up: " + result);
        }
    }

    private static List<FailoverFigures> awaitArrived(RegionFailover failover, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FailoverFigures> figures = failover.figures();
        while (System.nanoTime() < deadline) {
            figures = failover.figures();
            if (figures.size() == 2 && figures.stream().allMatch(f -> f.allArrived() != null)) {
                return figures;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the failover figures did not complete: " + figures);
    }
}
