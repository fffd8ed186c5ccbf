package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions spanning three tables (one without a primary key, one with a composite key, every
 * supported column type) reach Kafka as exactly those changes, with transaction metadata whose
 * counts match, registered schemas and Driftwatch's headers.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureIT {
    static final String PREFIX = "captureit";
    static final String REGION = "us-east-1";
    private static CaptureService capture;
    private static StackEndpoints endpoints;

    @BeforeAll
    static void startCapture(StackEndpoints stack) throws Exception {
        endpoints = stack;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TYPE captureit_mood AS ENUM ('calm', 'busy')");
            s.execute("""
                    CREATE TABLE captureit_customers (
                      id bigint PRIMARY KEY, name text NOT NULL, active boolean, small smallint, qty integer,
                      balance numeric(12,2), ratio double precision, born date, updated_at timestamp,
                      seen_at timestamptz, profile jsonb, tags text[], mood captureit_mood, avatar bytea, ext_id uuid)""");
            s.execute("CREATE TABLE captureit_lines (order_id bigint, line_no int, sku text, qty int, PRIMARY KEY (order_id, line_no))");
            s.execute("CREATE TABLE captureit_audit (at timestamptz DEFAULT now(), message text)");
            s.execute("INSERT INTO captureit_customers (id, name) VALUES (1, 'before capture')");
        }
        capture = new CaptureService(settings());
        capture.start();
        awaitSlot(settings().slotName());
    }

    /** Changes committed after the slot exists are streamed; earlier rows arrive through the snapshot. */
    static void awaitSlot(String slot) throws Exception {
        awaitSlotIn(endpoints.region(REGION).postgres(), slot);
    }

    static void awaitSlotIn(StackEndpoints.Postgres pg, String slot) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = CaptureRestartIT.connect(pg); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("replication slot " + slot + " was not created within 60 s");
    }

    @AfterAll
    static void stopCapture() {
        if (capture != null) {
            capture.close();
        }
    }

    static CaptureSettings settings() {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        return new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                endpoints.region(REGION).kafka().bootstrapServers(), endpoints.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), null, 1000L, 10L, "initial", 1));
    }

    static Connection connect() throws Exception {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }

    @Test
    void capturesWholeTransactionsWithTypesKeysMetadataSchemasAndHeaders() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO captureit_customers VALUES (2, 'Ada', true, 7, 42, 1234.56, 0.25, '1990-05-17',
                          '2026-11-25 10:11:12.123456', '2026-11-25 10:11:12.5+02', '{"vip": true}', ARRAY['a','b'],
                          'busy', '\\x00ff', '6a1e4a6e-2b4f-4d3f-9e0a-0f6c1a2b3c4d')""");
                s.execute("INSERT INTO captureit_lines VALUES (10, 1, 'SKU-1', 3), (10, 2, 'SKU-2', 1)");
                s.execute("INSERT INTO captureit_audit (message) VALUES ('order 10 placed')");
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE captureit_customers SET balance = 1000.00, tags = ARRAY['a'] WHERE id = 2");
                s.execute("DELETE FROM captureit_lines WHERE order_id = 10 AND line_no = 2");
                s.execute("INSERT INTO captureit_audit (message) VALUES ('line 2 removed')");
            }
            c.commit();
        }

        String customers = PREFIX + ".public.captureit_customers";
        String lines = PREFIX + ".public.captureit_lines";
        String audit = PREFIX + ".public.captureit_audit";
        String transactions = PREFIX + ".transaction";
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registry().url());
        TopicReader reader = new TopicReader(endpoints.region(REGION).kafka().bootstrapServers(), registry);
        List<TopicReader.Captured> read = reader.readUntil(List.of(customers, lines, audit, transactions),
                all -> all.stream().filter(CaptureIT::endOfOurs).count() >= 2 && count(all, lines) >= 4 && count(all, audit) >= 2
                        && count(all, customers) >= 3,
                Duration.ofSeconds(90));

        Map<String, List<TopicReader.Captured>> byTopic = read.stream().collect(Collectors.groupingBy(TopicReader.Captured::topic));
        // The snapshot row, then exactly the committed changes.
        assertThat(byTopic.get(customers)).extracting(TopicReader.Captured::op).containsExactly("r", "c", "u");
        assertThat(byTopic.get(lines)).extracting(TopicReader.Captured::op).containsExactly("c", "c", "d", "tombstone");
        assertThat(byTopic.get(audit)).extracting(TopicReader.Captured::op).containsExactly("c", "c");
        assertThat(byTopic.get(audit)).allSatisfy(r -> assertThat(r.key()).as("no primary key, no key").isNull());

        GenericRecord ada = byTopic.get(customers).get(1).after();
        assertThat(ada.get("name").toString()).isEqualTo("Ada");
        assertThat(ada.get("active")).isEqualTo(true);
        assertThat(ada.get("small")).isEqualTo(7);
        assertThat(ada.get("qty")).isEqualTo(42);
        assertThat(ada.get("balance")).isInstanceOf(ByteBuffer.class);
        assertThat(new java.math.BigDecimal(new java.math.BigInteger(bytes(ada.get("balance"))), 2)).isEqualByComparingTo("1234.56");
        assertThat(ada.get("ratio")).isEqualTo(0.25);
        assertThat(ada.get("born")).isEqualTo((int) java.time.LocalDate.parse("1990-05-17").toEpochDay());
        assertThat(ada.get("updated_at")).isEqualTo(java.time.LocalDateTime.parse("2026-11-25T10:11:12.123456")
                .toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000 + 123_456);
        assertThat(ada.get("seen_at").toString()).isEqualTo("2026-11-25T08:11:12.500000Z");
        assertThat(ada.get("profile").toString()).contains("\"vip\": true");
        assertThat(((List<?>) ada.get("tags"))).extracting(Object::toString).containsExactly("a", "b");
        assertThat(ada.get("mood").toString()).isEqualTo("busy");
        assertThat(bytes(ada.get("avatar"))).containsExactly(0x00, 0xff);
        assertThat(ada.get("ext_id").toString()).isEqualTo("6a1e4a6e-2b4f-4d3f-9e0a-0f6c1a2b3c4d");

        GenericRecord deletedKey = byTopic.get(lines).get(2).key();
        assertThat(deletedKey.get("order_id")).isEqualTo(10L);
        assertThat(deletedKey.get("line_no")).isEqualTo(2);
        assertThat(byTopic.get(lines).get(3).key()).isEqualTo(deletedKey);

        // Transaction metadata: two END markers whose per-table counts match what was captured.
        List<TopicReader.Captured> ends = byTopic.get(transactions).stream().filter(CaptureIT::endOfOurs).toList();
        assertThat(ends).hasSize(2);
        for (TopicReader.Captured end : ends) {
            String txId = end.txId();
            Map<String, Long> counted = read.stream().filter(r -> txId.equals(r.txId()) && r.value() != null && !r.topic().equals(transactions))
                    .collect(Collectors.groupingBy(TopicReader.Captured::topic, Collectors.counting()));
            Map<String, Long> declared = ((List<?>) end.value().get("data_collections")).stream().map(GenericRecord.class::cast)
                    .collect(Collectors.toMap(g -> PREFIX + "." + g.get("data_collection"), g -> (Long) g.get("event_count")));
            assertThat(counted).as("changes of transaction " + txId).isEqualTo(declared);
            assertThat((Long) end.value().get("event_count")).isEqualTo(declared.values().stream().mapToLong(Long::longValue).sum());
        }

        // Headers: region, txid and LSN on every change; (txid, LSN) identifies each change uniquely.
        List<TopicReader.Captured> changes = read.stream().filter(r -> r.value() != null && !r.topic().equals(transactions)).toList();
        assertThat(changes).allSatisfy(r -> {
            assertThat(r.region()).isEqualTo(REGION);
            assertThat(r.txId()).isNotBlank();
            assertThat(r.lsn()).isNotBlank();
            assertThat(DriftwatchHeaders.text(r.raw().headers(), DriftwatchHeaders.SOURCE_TS)).isNotBlank();
        });
        assertThat(changes.stream().map(r -> r.txId() + "/" + r.lsn() + "/" + r.topic()).distinct().count()).isEqualTo(changes.size());

        // Schemas: registered under <topic>-key and <topic>-value.
        assertThat(registry.subjects()).contains(customers + "-key", customers + "-value", lines + "-key", lines + "-value",
                audit + "-value", transactions + "-value");
        assertThat(registry.subjects()).doesNotContain(audit + "-key");
        assertThat(capture.status().state()).isEqualTo(CaptureState.RUNNING);
    }

    private static long count(List<TopicReader.Captured> all, String topic) {
        return all.stream().filter(r -> r.topic().equals(topic)).count();
    }

    /** An END marker of a transaction that touched this test's tables (heartbeats make empty ones). */
    private static boolean endOfOurs(TopicReader.Captured r) {
        return r.topic().equals(PREFIX + ".transaction") && "END".equals(str(r.value(), "status"))
                && ((List<?>) r.value().get("data_collections")).stream()
                        .anyMatch(g -> ((GenericRecord) g).get("data_collection").toString().contains("captureit_"));
    }

    private static String str(GenericRecord record, String field) {
        return record == null || record.getSchema().getField(field) == null || record.get(field) == null ? null : record.get(field).toString();
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
