package io.driftwatch.app.services;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lag probe against the real servers of a running local pipeline: PostgreSQL's slot view,
 * Kafka's consumer-group offsets and END markers, ClickHouse's visible positions.
 */
@ExtendWith(LocalPipelineExtension.class)
class LagProbeIT {
    private static final String REGION = "us-east-1";

    @Test
    void measuresEveryStageOfTheRunningPipelineAndSeesItCatchUpAfterTheTraffic(LocalPipeline pipeline) throws Exception {
        try (LagProbe probe = PipelineClients.load().lagProbe(pipeline.endpoints(), LagSources.forPipeline(LocalPipeline.PREFIX))) {
            LagSnapshot running = await(probe, Duration.ofMinutes(2), s -> !s.slots().isEmpty()
                    && s.partitions().stream().anyMatch(p -> p.topic().equals("globalmart.public.orders") && p.committedOffset() > 0)
                    && s.visibility().stream().anyMatch(v -> v.visiblePosition() > 0));
            assertThat(running.problems()).isEmpty();
            assertThat(running.slots()).anySatisfy(slot -> {
                assertThat(slot.region()).isEqualTo(REGION);
                assertThat(slot.slot()).isEqualTo("driftwatch_globalmart_us_east_1");
                assertThat(slot.active()).as("capture streams from the slot").isTrue();
                assertThat(slot.lagBytes()).isNotNegative();
            });
            assertThat(running.partitions()).as("the job's consumer group commits offsets for each table topic")
                    .extracting(LagSnapshot.PartitionLag::topic)
                    .contains("globalmart.public.orders", "globalmart.public.order_lines", "globalmart.transaction")
                    .noneMatch(t -> t.startsWith("globalmart.outbox."));
            assertThat(running.partitions()).allSatisfy(p -> {
                assertThat(p.region()).isEqualTo(REGION);
                assertThat(p.lag()).isEqualTo(p.committedOffset() < 0 ? p.lag() : p.endOffset() - p.committedOffset());
            });
            assertThat(running.visibility()).singleElement().satisfies(v -> {
                assertThat(v.region()).isEqualTo(REGION);
                assertThat(v.capturedPosition()).isPositive();
                assertThat(v.lagMillis()).as("commit to visible under 20 tx/s").isLessThan(60_000);
            });

            pipeline.awaitWorkload(LocalPipelineExtension.TRAFFIC.plusSeconds(60));
            // Table topics stop growing with the traffic and their committed offsets reach the end. The
            // transaction topic keeps receiving the capture heartbeats' BEGIN/END markers, so the
            // offsets the job commits at each checkpoint stay a few markers behind it.
            LagSnapshot idle = await(probe, Duration.ofMinutes(2), s -> s.partitions().stream()
                    .filter(p -> p.topic().startsWith("globalmart.public.")).allMatch(p -> p.lag() == 0)
                    && s.partitions().stream().filter(p -> p.topic().equals("globalmart.transaction")).allMatch(p -> p.lag() < 20)
                    && s.visibility().stream().allMatch(v -> v.caughtUp() && v.lagMillis() == 0)
                    && s.slots().stream().allMatch(slot -> slot.lagBytes() < 1024 * 1024));
            assertThat(idle.visibility()).singleElement().satisfies(v -> assertThat(v.visiblePosition()).isGreaterThanOrEqualTo(
                    running.visibility().get(0).visiblePosition()));
        }
    }

    @Test
    void aSlotNobodyReadsFallsBehindByTheWalWrittenSinceIt(LocalPipeline pipeline) throws Exception {
        StackEndpoints.Postgres pg = pipeline.endpoints().region(REGION).postgres();
        try (Connection c = connect(pg); Statement s = c.createStatement();
             LagProbe probe = PipelineClients.load().lagProbe(pipeline.endpoints(), LagSources.forPipeline(LocalPipeline.PREFIX))) {
            s.execute("SELECT pg_create_logical_replication_slot('it_idle_slot', 'pgoutput')");
            try {
                // WAL from a schema capture does not read (it captures public), so the pipeline is not disturbed.
                s.execute("CREATE SCHEMA IF NOT EXISTS it_scratch");
                s.execute("CREATE TABLE it_scratch.wal (b text)");
                s.execute("INSERT INTO it_scratch.wal SELECT repeat('x', 1000) FROM generate_series(1, 4200)");
                LagSnapshot.SlotLag idle = probe.probe().slots().stream().filter(slot -> slot.slot().equals("it_idle_slot"))
                        .findFirst().orElseThrow();
                assertThat(idle.active()).isFalse();
                assertThat(idle.lagBytes()).as("4 MB of rows were written after the slot").isGreaterThanOrEqualTo(4_000_000L);
            } finally {
                s.execute("SELECT pg_drop_replication_slot('it_idle_slot')");
                s.execute("DROP SCHEMA IF EXISTS it_scratch CASCADE");
            }
        }
    }

    @Test
    void aConsumerGroupBehindTheEndLagsByExactlyTheRecordsItHasNotCommitted(LocalPipeline pipeline) throws Exception {
        String bootstrap = pipeline.endpoints().region(REGION).kafka().bootstrapServers();
        String topic = "itlag.numbers";
        long produced;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            produced = System.currentTimeMillis();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int partition = 0; partition < 3; partition++) {
                    for (int i = 0; i < 10 * (partition + 1); i++) {
                        producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {(byte) i})).get();
                    }
                }
            }
            admin.alterConsumerGroupOffsets("it-lag-group", Map.of(
                    new TopicPartition(topic, 0), new OffsetAndMetadata(10),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(5))).all().get();
        }
        try (LagProbe probe = PipelineClients.load().lagProbe(pipeline.endpoints(), new LagSources("itlag", "it-lag-group", "dw_itlag"))) {
            LagSnapshot snapshot = probe.probe();
            assertThat(snapshot.problems()).as("a pipeline without views or markers yet is not a problem").isEmpty();
            long upTo = System.currentTimeMillis() - produced;
            assertThat(snapshot.partitions()).extracting(p -> new LagSnapshot.PartitionLag(p.region(), p.topic(), p.partition(), p.endOffset(),
                    p.committedOffset(), p.lag())).containsExactly(
                    new LagSnapshot.PartitionLag(REGION, topic, 0, 10, 10, 0),
                    new LagSnapshot.PartitionLag(REGION, topic, 1, 20, 5, 15),
                    new LagSnapshot.PartitionLag(REGION, topic, 2, 30, -1, 30));
            // How old the first record the group has not committed is: none without lag; written by this test otherwise.
            assertThat(snapshot.partitions()).extracting(LagSnapshot.PartitionLag::lagMillis).satisfiesExactly(
                    none -> assertThat(none).isZero(),
                    age -> assertThat(age).isBetween(0L, upTo),
                    age -> assertThat(age).isBetween(0L, upTo));
            assertThat(snapshot.visibility()).isEmpty();
        }
    }

    private static LagSnapshot await(LagProbe probe, Duration timeout, Predicate<LagSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LagSnapshot last = probe.probe();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the probe never saw the expected lag within " + timeout + "; last: " + last);
            }
            Thread.sleep(1000);
            last = probe.probe();
        }
        return last;
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
