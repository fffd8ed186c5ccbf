package io.driftwatch.engine.merging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two regions change the same rows concurrently: a last-writer-wins name, a manual price, a
 * stock counter driven below zero by both regions' sales, and a set of tags. The merged view must
 * show each column merged by its policy, the conflicts must be exactly the price and the
 * oversold stock, and a resolution through the engine's API must clear the price conflict.
 */
@ExtendWith(LocalStackExtension.class)
class MergeIT {
    static final String A = "us-east-1";
    static final String B = "eu-west-1";
    static final String PREFIX = "mergeit";
    static final String TABLE = "mergeit_stock";

    @Test
    void concurrentChangesInTwoRegionsMergeByColumnPolicyAndOnlyRealConflictsNeedAnOperator(StackEndpoints e) throws Exception {
        for (String region : List.of(A, B)) {
            sql(e, region, "CREATE TABLE " + TABLE + " (sku text PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL, "
                    + "stock int NOT NULL, tags text[] NOT NULL)",
                    "ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + TABLE + " VALUES ('sku-1', 'Widget', 5.00, 10, '{red}'), ('sku-2', 'Gadget', 3.00, 20, '{blue}')");
        }
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        // Region B's database started as a copy of A's: its capture streams from now on, so the
        // seed rows count once (A's snapshot).
        try (CaptureService captureA = new CaptureService(capture(e, A, "initial"));
             CaptureService captureB = new CaptureService(capture(e, B, "no_data"));
             ConflictDesk desk = ConflictDesk.forLocalStack(e, PREFIX)) {
            captureA.start();
            captureB.start();
            Map<String, Object> mergeConfig = Map.of("tables", Map.of("public." + TABLE, Map.of("columns", Map.of(
                    "name", "lww",
                    "price", "manual",
                    "stock", Map.of("policy", "counter", "invariants", List.of("non_negative")),
                    "tags", "set"))));
            JobSettings settings = io.driftwatch.engine.cluster.StackJobSettings.of(e, PREFIX, 2, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION, 0, null)
                    .withMerge(ProcessPlan.awaitMergeSettings(mergeConfig, e.registry().url(), PREFIX, Duration.ofMinutes(2)));
            JobClient job = PipelineJob.startLocal(settings, null);
            try {
                await("the snapshot merged", () -> rows(clickhouse), rows -> rows.contains("sku-1|Widget|5.00|10|['red']"), Duration.ofMinutes(2));

                sql(e, A, "UPDATE " + TABLE + " SET stock = stock - 6, price = 6.00, tags = tags || '{blue}', name = 'Widget A' WHERE sku = 'sku-1'",
                        "UPDATE " + TABLE + " SET stock = stock - 5, name = 'Gadget A' WHERE sku = 'sku-2'",
                        // one transaction selling sku-2 twice: both sales count
                        "UPDATE " + TABLE + " SET stock = stock - 2 WHERE sku = 'sku-2'");
                Thread.sleep(50); // B's write is the later one by wall clock: it wins the lww name
                sql(e, B, "UPDATE " + TABLE + " SET stock = stock - 7, price = 7.00, tags = array_remove(tags, 'red') || '{green}', "
                        + "name = 'Widget B' WHERE sku = 'sku-1'");

                String expected = "sku-1|Widget B|7.00|-3|['blue','green','red']\nsku-2|Gadget A|3.00|13|['blue']";
                await("the merged view", () -> rows(clickhouse), expected::equals, Duration.ofMinutes(2));

                List<ConflictDesk.OpenConflict> open = awaitConflicts(desk, 2);
                assertThat(open).extracting(c -> c.key() + " " + c.column() + " " + c.kind())
                        .containsExactlyInAnyOrder("{\"sku\": \"sku-1\"} price CONCURRENT_MANUAL", "{\"sku\": \"sku-1\"} stock INVARIANT_VIOLATION");
                ConflictDesk.OpenConflict price = open.stream().filter(c -> c.column().equals("price")).findFirst().orElseThrow();
                assertThat(price.sides()).extracting(ConflictDesk.Side::region).containsExactlyInAnyOrder(A, B);
                assertThat(price.sides()).extracting(ConflictDesk.Side::value).containsExactlyInAnyOrder("6.00", "7.00");

                ConflictDesk.AuditRecord audit = desk.resolve(price.id(), new ConflictDesk.Choice.EnterValue("6.50"), "alice",
                        "regional prices differ; head office sets 6.50");
                await("the resolved price", () -> rows(clickhouse), rows -> rows.startsWith("sku-1|Widget B|6.50|-3|"), Duration.ofMinutes(1));
                List<ConflictDesk.OpenConflict> left = awaitConflicts(desk, 1);
                assertThat(left).extracting(ConflictDesk.OpenConflict::column).containsExactly("stock");
                assertThat(desk.audit()).extracting(ConflictDesk.AuditRecord::conflictId, ConflictDesk.AuditRecord::operator,
                        ConflictDesk.AuditRecord::value).contains(org.assertj.core.groups.Tuple.tuple(price.id(), "alice", "6.50"));
                assertThat(audit.decision()).isEqualTo("enter value 6.50");

                // The oversold stock, resolved as a console attached to a pipeline does it: a command on the command topic,
                // carried out by the engine's handler, acknowledged on the status topic; a record that is not a command is
                // refused there with the reason, and the handler goes on.
                String stockConflict = left.get(0).id();
                try (io.driftwatch.engine.service.StatusTopic.Publisher status = new io.driftwatch.engine.service.StatusTopic.Publisher(PREFIX, e);
                     io.driftwatch.engine.service.CommandTopic.Handler handler = new io.driftwatch.engine.service.CommandTopic.Handler(e, PREFIX,
                             "mergeit-engine", new io.driftwatch.engine.service.CommandExecutor("mergeit-engine",
                             () -> ConflictDesk.forLocalStack(e, PREFIX), java.time.InstantSource.system()), status::acknowledge,
                             line -> System.out.println("[mergeit] " + line)).start()) {
                    sendCommand(e.region(A).kafka().bootstrapServers(), "crafted-1", StateBytes.write(new java.util.ArrayList<>(List.of("x"))));
                    io.driftwatch.engine.service.Command.Ack refused = io.driftwatch.engine.service.CommandTopic.awaitAck(e, PREFIX, "crafted-1",
                            Duration.ofMinutes(1)).orElseThrow();
                    assertThat(refused.done()).isFalse();
                    assertThat(refused.message()).contains("Java-serialized object");

                    io.driftwatch.engine.service.Command resolve = new io.driftwatch.engine.service.Command.ResolveConflict("resolve-1", "bob",
                            System.currentTimeMillis(), stockConflict, null, null, true, "oversold by both regions; restock ordered");
                    assertThat(io.driftwatch.engine.service.CommandTopic.send(e, PREFIX, resolve)).isEqualTo(e.regionNames().get(0));
                    io.driftwatch.engine.service.Command.Ack done = io.driftwatch.engine.service.CommandTopic.awaitAck(e, PREFIX, "resolve-1",
                            Duration.ofMinutes(1)).orElseThrow();
                    assertThat(done.done()).as(done.message()).isTrue();
                    assertThat(done.engine()).isEqualTo("mergeit-engine");
                    awaitConflicts(desk, 0);
                    assertThat(desk.audit()).anyMatch(a -> a.conflictId().equals(stockConflict) && a.operator().equals("bob")
                            && a.decision().equals("accept the merge"));
                }

                List<String> topic = io.driftwatch.engine.capture.RawReaderAccess.read(
                        e.region(settings.homeRegion()).kafka().bootstrapServers(),
                        settings.conflictsTopic(), 3, Duration.ofSeconds(30)).stream().map(r -> new String(r.value())).toList();
                assertThat(topic).anyMatch(r -> r.contains(price.id()) && r.contains("\"status\":\"open\""))
                        .anyMatch(r -> r.contains(price.id()) && r.contains("\"status\":\"cleared\""))
                        .anyMatch(r -> r.contains("INVARIANT_VIOLATION") && r.contains("\"status\":\"open\""));

                // Whoever may write the resolutions topic cannot make the job build an object:
                // a Java-serialized one and JSON naming a class are refused, and the job goes on.
                String home = e.region(settings.homeRegion()).kafka().bootstrapServers();
                java.util.HashMap<String, Object> gadget = new java.util.HashMap<>(Map.of("payload", new Tripwire()));
                send(home, settings.resolutionsTopic(), StateBytes.write(gadget));
                send(home, settings.resolutionsTopic(), "{\"@class\":\"java.net.URL\",\"val\":\"http://probe.invalid/\"}".getBytes());
                List<String> letters = io.driftwatch.engine.capture.RawReaderAccess.read(home, settings.deadLetterTopic(), 2,
                        Duration.ofMinutes(1)).stream().map(r -> new String(r.value())).toList();
                assertThat(letters).anyMatch(l -> l.contains("Java-serialized object, which Driftwatch never reads from Kafka"))
                        .anyMatch(l -> l.contains("\\\"format\\\" must be \\\"driftwatch.resolution\\\""))
                        .allMatch(l -> l.contains("resolution x refused"));
                assertThat(Tripwire.BUILT).hasValue(0);
                sql(e, A, "UPDATE " + TABLE + " SET name = 'Gadget C' WHERE sku = 'sku-2'");
                await("a change after the refused resolutions", () -> rows(clickhouse), rows -> rows.contains("sku-2|Gadget C|"),
                        Duration.ofMinutes(1));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Counts its own deserializations in this JVM, where the job runs too: proof that it was never built. */
    static final class Tripwire implements java.io.Serializable {
        static final java.util.concurrent.atomic.AtomicInteger BUILT = new java.util.concurrent.atomic.AtomicInteger();

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            BUILT.incrementAndGet();
        }
    }

    /** Any bytes on the command topic, keyed as a command would be. */
    private static void sendCommand(String bootstrap, String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(io.driftwatch.engine.service.CommandTopic.name(PREFIX),
                    key.getBytes(), value)).get();
        }
    }

    /** A record on the resolutions topic with the headers of sku-1's row, as a console would send. */
    private static void send(String bootstrap, String topic, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, value);
            record.headers().add("dw.table", ("public." + TABLE).getBytes()).add("dw.key", "{\"sku\": \"sku-1\"}".getBytes())
                    .add("dw.conflict", "x".getBytes());
            producer.send(record).get();
        }
    }

    private static List<ConflictDesk.OpenConflict> awaitConflicts(ConflictDesk desk, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<ConflictDesk.OpenConflict> open = desk.open();
        while (open.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(300);
            open = desk.open();
        }
        assertThat(open).as("open conflicts").hasSize(count);
        return open;
    }

    private static String rows(ClickHouseHttp clickhouse) {
        try {
            List<JsonNode> rows = clickhouse.query("SELECT sku, name, toString(price) AS price, stock, tags FROM dw_" + PREFIX + "." + TABLE
                    + " ORDER BY sku");
            return rows.stream().map(r -> r.get("sku").asText() + "|" + r.get("name").asText() + "|" + r.get("price").asText() + "|"
                    + r.get("stock").asText() + "|" + tags(r.get("tags"))).collect(Collectors.joining("\n"));
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return "";
        }
    }

    private static String tags(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add("'" + v.asText() + "'"));
        java.util.Collections.sort(values);
        return "[" + String.join(",", values) + "]";
    }

    private static <T> void await(String what, Supplier<T> probe, java.util.function.Predicate<T> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            last = probe.get();
        }
        assertThat(done.test(last)).as(what + ", last seen:\n" + last).isTrue();
    }

    private static CaptureSettings capture(StackEndpoints e, String region, String snapshotMode) {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        return new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(region).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), null, 1000L, 10L, snapshotMode, 1));
    }

    private static void sql(StackEndpoints e, String region, String... statements) throws Exception {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), p); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        }
    }
}
