package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.verify.InvariantSampler;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A multi-table transactional workload through capture → Flink (parallelism 2) → ClickHouse while
 * a reader samples the consistent views and checks, on every sample, that each order's total
 * equals the sum of its lines; at the end the views equal the source.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessIT {
    static final String REGION = "us-east-1";

    @Test
    void readersNeverSeeAPartialTransactionAndTheViewsEndEqualToTheSource(StackEndpoints endpoints) throws Exception {
        String prefix = "procit";
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        OrderWorkload workload = new OrderWorkload(pg, prefix);
        workload.createTables();
        ClickHouseHttp clickhouse = clickhouse(endpoints);
        try (CaptureService capture = new CaptureService(captureSettings(endpoints, prefix))) {
            capture.start();
            JobClient job = PipelineJob.startLocal(jobSettings(endpoints, prefix, 2, JobSettings.Visibility.TRANSACTION), null);
            try (InvariantSampler sampler = new InvariantSampler(clickhouse, "dw_" + prefix, prefix)) {
                awaitViewRows(clickhouse, prefix, 1, Duration.ofMinutes(2));
                workload.run(200, 7, 8);
                // Larger than a transaction the assembly keeps on the heap: it completes from keyed state.
                workload.bulkOrder(AssemblyFunction.SPILL_ROWS + 1_000);
                workload.run(200, 8, 8);
                awaitVerified(pg, clickhouse, prefix, Duration.ofMinutes(2));
                sampler.close();
                assertThat(sampler.samples()).as("the sampler read the views").isGreaterThan(20);
                assertThat(sampler.distinctViewSizes()).as("the sampler saw the views grow while the workload ran").isGreaterThan(5);
                assertThat(sampler.pinnedViolations()).as("orders whose total differed from their lines at one visible position").isEmpty();
                System.out.printf("invariant sampler: %d samples, %d distinct view sizes, no partial transaction at a pinned position; "
                        + "%d cross-view straddle(s) of the visible position within one query%n",
                        sampler.samples(), sampler.distinctViewSizes(), sampler.violations().size());
                LatencyTable.Summary latency = awaitLatencies(clickhouse, prefix, workload.committed());
                System.out.printf("commit→visible (transaction mode): %d transactions, p50 %.0f ms, p99 %.0f ms%n",
                        latency.transactions(), latency.p50(), latency.p99());
                // A committed transaction that changed no row (a repricing of a deleted order) has no END marker: hence 90 %.
                assertThat(latency.transactions()).as("transactions with a measured latency").isGreaterThanOrEqualTo(workload.committed() * 9L / 10);
                assertThat(latency.p50()).as("median commit→visible latency in ms").isBetween(0.0, 60_000.0);
                poisonedRecordGoesToTheDeadLetterTopicAndTheJobGoesOn(endpoints, prefix, workload, pg, clickhouse);
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void inCheckpointModeTheViewsAdvanceOnlyWithCompletedCheckpointsAndStayConsistent(StackEndpoints endpoints) throws Exception {
        String prefix = "procckpt";
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        OrderWorkload workload = new OrderWorkload(pg, prefix);
        workload.createTables();
        ClickHouseHttp clickhouse = clickhouse(endpoints);
        int restPort = io.driftwatch.engine.stack.PortAllocator.freeLoopbackPort();
        JobSettings settings = jobSettings(endpoints, prefix, 2, JobSettings.Visibility.CHECKPOINT).withRestPort(restPort);
        try (CaptureService capture = new CaptureService(captureSettings(endpoints, prefix))) {
            capture.start();
            JobClient job = PipelineJob.startLocal(settings, null);
            try (InvariantSampler sampler = new InvariantSampler(clickhouse, "dw_" + prefix, prefix)) {
                awaitViewRows(clickhouse, prefix, 1, Duration.ofMinutes(2));
                workload.run(300, 11, 8);
                awaitVerified(pg, clickhouse, prefix, Duration.ofMinutes(2));
                sampler.close();
                assertThat(sampler.samples()).as("the sampler read the views").isGreaterThan(20);
                assertThat(sampler.pinnedViolations()).as("orders whose total differed from their lines at one visible position").isEmpty();

                long published = clickhouse.query("SELECT count() AS n FROM dw_" + prefix + "._visibility").get(0).get("n").asLong();
                long completed = completedCheckpoints(restPort, job.getJobID().toString());
                assertThat(published).as("visible positions published").isPositive().isLessThanOrEqualTo(completed);

                // What the console reads of the job, from Flink's REST API.
                io.driftwatch.engine.api.FlinkJobs flink = new io.driftwatch.engine.cluster.FlinkClusterClient("http://127.0.0.1:" + restPort);
                io.driftwatch.engine.api.FlinkJobs.Job running = flink.jobs().get(0);
                assertThat(running.name()).isEqualTo("driftwatch " + prefix);
                assertThat(running.state()).isEqualTo("RUNNING");
                assertThat(running.checkpoints().completed()).isGreaterThanOrEqualTo(completed);
                assertThat(running.checkpoints().lastDurationMs()).isNotNegative();
                assertThat(running.checkpoints().lastStateSizeBytes()).isPositive();
                assertThat(running.vertices()).anySatisfy(v -> {
                    assertThat(v.name()).contains("assemble and write");
                    assertThat(v.parallelism()).isEqualTo(2);
                });
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (flink.jobs().get(0).vertices().stream().allMatch(v -> v.backpressure().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(flink.jobs().get(0).vertices()).as("backpressure sampled").anySatisfy(v ->
                        assertThat(v.backpressure()).isIn("ok", "low", "high"));
                LatencyTable.Summary latency = awaitLatencies(clickhouse, prefix, workload.committed());
                System.out.printf("checkpoint mode: %d positions published over %d completed checkpoints; commit→visible p50 %.0f ms, "
                        + "p99 %.0f ms over %d transactions%n", published, completed, latency.p50(), latency.p99(), latency.transactions());
                assertThat(latency.transactions()).isGreaterThanOrEqualTo(workload.committed() * 9L / 10);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** The engine's latency figures once they cover at least {@code transactions} (they are flushed about once a second). */
    private static LatencyTable.Summary awaitLatencies(ClickHouseHttp clickhouse, String prefix, long transactions) throws InterruptedException {
        LatencyTable table = new LatencyTable(clickhouse, "dw_" + prefix);
        Thread.sleep(1_500);
        LatencyTable.Summary latency = table.summary(REGION, 0, Long.MAX_VALUE);
        for (int i = 0; i < 25 && latency.transactions() < transactions; i++) {
            Thread.sleep(200);
            latency = table.summary(REGION, 0, Long.MAX_VALUE);
        }
        return latency;
    }

    private static long completedCheckpoints(int restPort, String jobId) throws Exception {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + restPort + "/jobs/" + jobId + "/checkpoints").build()).execute()) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body().string()).path("counts").path("completed").asLong();
        }
    }


    private static void poisonedRecordGoesToTheDeadLetterTopicAndTheJobGoesOn(StackEndpoints endpoints, String prefix,
            OrderWorkload workload, StackEndpoints.Postgres pg, ClickHouseHttp clickhouse) throws Exception {
        String bootstrap = endpoints.region(REGION).kafka().bootstrapServers();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                p, new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> poison = new org.apache.kafka.clients.producer.ProducerRecord<>(
                    prefix + ".public." + prefix + "_orders", "not avro".getBytes(), "not avro either".getBytes());
            poison.headers().add("dw.region", REGION.getBytes()).add("dw.txid", "999999".getBytes()).add("dw.lsn", "1".getBytes());
            producer.send(poison).get();
        }
        workload.run(20, 99, 0);
        awaitVerified(pg, clickhouse, prefix, Duration.ofMinutes(1));
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> dead = io.driftwatch.engine.capture.RawReaderAccess.read(
                bootstrap, "driftwatch." + prefix + ".dead-letters", 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        String letter = new String(dead.get(0).value());
        assertThat(letter).contains("not in the Confluent wire format").contains(prefix + ".public." + prefix + "_orders/0@")
                .contains("\"region\":\"us-east-1\"");
    }

    static void awaitViewRows(ClickHouseHttp clickhouse, String prefix, long rows, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (clickhouse.query("SELECT count() AS n FROM dw_" + prefix + "." + prefix + "_orders").get(0).get("n").asLong() >= rows) {
                    return;
                }
            } catch (ClickHouseHttp.ClickHouseException notYet) {
                // not created yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the views never reached " + rows + " orders");
    }

    static CaptureSettings captureSettings(StackEndpoints endpoints, String prefix) {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        return new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                endpoints.region(REGION).kafka().bootstrapServers(), endpoints.registry().url(),
                new PipelineConfig.CaptureConfig(prefix, List.of("public"), null, 1000L, 10L, "initial", 1));
    }

    static JobSettings jobSettings(StackEndpoints endpoints, String prefix, int parallelism, JobSettings.Visibility visibility) {
        ClickHouseSettings views = new ClickHouseSettings(endpoints.clickhouse().url(), endpoints.clickhouse().user(),
                endpoints.clickhouse().password(), "dw_" + prefix, List.of(REGION));
        return new JobSettings(prefix, Map.of(REGION, endpoints.region(REGION).kafka().bootstrapServers()),
                endpoints.registry().url(), views, parallelism, Duration.ofSeconds(1), visibility,
                "s3p://checkpoints/" + prefix, new JobSettings.S3(endpoints.s3().endpoint(), endpoints.s3().accessKey(),
                endpoints.s3().secretKey()), 0, Duration.ofMillis(50), null);
    }

    public static ClickHouseHttp clickhouse(StackEndpoints endpoints) {
        return new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
    }

    public static void awaitVerified(StackEndpoints.Postgres pg, ClickHouseHttp clickhouse, String prefix, Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, "dw_" + prefix);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ViewVerifier.Result> results = List.of();
        while (System.nanoTime() < deadline) {
            try (Connection c = OrderWorkload.connect(pg)) {
                results = List.of(verifier.verify(c, "public", prefix + "_orders"), verifier.verify(c, "public", prefix + "_lines"),
                        verifier.verify(c, "public", prefix + "_audit"));
            }
            if (results.stream().allMatch(ViewVerifier.Result::matches)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("views did not converge to the source: " + results);
    }
}
