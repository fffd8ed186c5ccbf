package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.VersionVector;
import io.driftwatch.engine.merge.VersionVectorCodec;
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
            s.execute("CREATE TABLE captureit_outbox (id uuid PRIMARY KEY, aggregatetype text NOT NULL, aggregateid text NOT NULL, "
                    + "type text NOT NULL, payload jsonb)");
            s.execute("CREATE TABLE captureit_strict (id int PRIMARY KEY, v int)");
            s.execute("CREATE SCHEMA captureit_noise");
            s.execute("CREATE TABLE captureit_noise.filler (id serial PRIMARY KEY, pad text)");
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
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), "public.captureit_outbox", 1000L, 10L, "initial", 1));
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
                all -> endsOf(all, txIdsOfCustomer(all, customers, 2L)).size() >= 2 && count(all, lines) >= 4
                        && count(all, audit) >= 2 && count(all, customers) >= 3,
                Duration.ofSeconds(90));

        // Other tests of this class write to the same tables, in transactions of their own.
        java.util.Set<String> mine = txIdsOfCustomer(read, customers, 2L);
        String snapshotTx = read.stream().filter(r -> r.topic().equals(customers) && "r".equals(r.op())).findFirst().orElseThrow().txId();
        read = read.stream().filter(r -> mine.contains(r.txId()) || r.txId().equals(snapshotTx)).toList();
        Map<String, List<TopicReader.Captured>> byTopic = read.stream().collect(Collectors.groupingBy(TopicReader.Captured::topic));
        // The snapshot row, then exactly the committed changes.
        assertThat(byTopic.get(customers)).extracting(TopicReader.Captured::op).containsExactly("r", "c", "u");
        assertThat(byTopic.get(lines)).extracting(TopicReader.Captured::op).containsExactly("c", "c", "d", "tombstone");
        assertThat(byTopic.get(audit)).extracting(r -> r.after().get("message").toString())
                .containsExactly("order 10 placed", "line 2 removed");
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
        java.util.Set<String> ours = txIdsOfCustomer(read, customers, 2L);
        List<TopicReader.Captured> ends = endsOf(read, ours);
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

        // The snapshot is closed by an END marker of its own, counting its rows like a transaction.
        TopicReader.Captured snapshotEnd = read.stream().filter(r -> r.topic().equals(transactions) && snapshotTx.equals(r.txId()))
                .findFirst().orElseThrow(() -> new AssertionError("no END marker for the snapshot"));
        assertThat(((List<?>) snapshotEnd.value().get("data_collections")).stream().map(GenericRecord.class::cast)
                .filter(g -> g.get("data_collection").toString().equals("public.captureit_customers"))
                .map(g -> g.get("event_count"))).containsExactly(1L);
        assertThat(DriftwatchHeaders.text(snapshotEnd.raw().headers(), DriftwatchHeaders.COMMIT_LSN)).isNotBlank();

        // Headers: region, txid and LSN on every change; (txid, LSN) identifies each change uniquely.
        List<TopicReader.Captured> changes = read.stream().filter(r -> r.value() != null && !r.topic().equals(transactions)).toList();
        assertThat(changes).allSatisfy(r -> {
            assertThat(r.region()).isEqualTo(REGION);
            assertThat(r.txId()).isNotBlank();
            assertThat(r.lsn()).isNotBlank();
            assertThat(DriftwatchHeaders.text(r.raw().headers(), DriftwatchHeaders.SOURCE_TS)).isNotBlank();
        });
        assertThat(changes.stream().map(r -> r.txId() + "/" + r.lsn() + "/" + r.topic()).distinct().count()).isEqualTo(changes.size());

        // Causality: each row's version vector counts the region's changes to it; clocks only grow.
        assertThat(byTopic.get(customers).stream().filter(r -> Long.valueOf(2).equals(r.key().get("id"))).map(CaptureIT::vector))
                .containsExactly(VersionVector.of("us-east-1", 1), VersionVector.of("us-east-1", 2));
        assertThat(byTopic.get(lines).stream().filter(r -> Integer.valueOf(2).equals(r.key().get("line_no"))).map(CaptureIT::vector))
                .as("insert, delete, and the tombstone repeating the delete's stamp")
                .containsExactly(VersionVector.of("us-east-1", 1), VersionVector.of("us-east-1", 2), VersionVector.of("us-east-1", 2));
        List<HybridTimestamp> clocks = changes.stream().filter(r -> !"r".equals(r.op())).map(CaptureIT::clock).toList();
        assertThat(clocks).allSatisfy(c -> assertThat(c.region()).isEqualTo(REGION));
        assertThat(clocks.stream().distinct().count()).as("every change has its own clock reading").isEqualTo(clocks.size());

        // Schemas: registered under <topic>-key and <topic>-value.
        assertThat(registry.subjects()).contains(customers + "-key", customers + "-value", lines + "-key", lines + "-value",
                audit + "-value", transactions + "-value");
        assertThat(registry.subjects()).doesNotContain(audit + "-key");
        assertThat(capture.status().state()).isEqualTo(CaptureState.RUNNING);
    }

    private static long count(List<TopicReader.Captured> all, String topic) {
        return all.stream().filter(r -> r.topic().equals(topic)).count();
    }

    @Test
    void outboxEventsLeaveWithTheirBusinessChangeOnPerAggregateTopics() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO captureit_lines VALUES (77, 1, 'SKU-77', 1)");
                s.execute("INSERT INTO captureit_outbox VALUES ('0b6c1d2e-0000-4000-8000-000000000077', 'order', '77', "
                        + "'OrderPlaced', '{\"order\": 77, \"total\": 12.5}')");
            }
            c.commit();
        }
        TopicReader reader = new TopicReader(endpoints.region(REGION).kafka().bootstrapServers(),
                new SchemaRegistryClient(endpoints.registry().url()));
        String events = PREFIX + ".outbox.order";
        List<TopicReader.Captured> read = reader.readUntil(List.of(events), all -> !all.isEmpty(), Duration.ofSeconds(60));
        assertThat(read).hasSize(1);
        TopicReader.Captured event = read.get(0);
        assertThat(event.raw().key()).isNotNull();
        assertThat(new String(event.raw().headers().lastHeader("eventType").value())).isEqualTo("OrderPlaced");
        assertThat(event.txId()).as("the event carries the transaction of the business change").isNotBlank();
        List<TopicReader.Captured> line = reader.readUntil(List.of(PREFIX + ".public.captureit_lines"),
                all -> all.stream().anyMatch(r -> r.key() != null && Long.valueOf(77).equals(r.key().get("order_id"))), Duration.ofSeconds(30));
        assertThat(line.stream().filter(r -> r.key() != null && Long.valueOf(77).equals(r.key().get("order_id"))).findFirst().orElseThrow().txId())
                .isEqualTo(event.txId());
    }

    @Test
    void aTableCreatedWhileCapturingIsPickedUp() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE captureit_later (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO captureit_later VALUES (1, 'added later')");
        }
        TopicReader reader = new TopicReader(endpoints.region(REGION).kafka().bootstrapServers(),
                new SchemaRegistryClient(endpoints.registry().url()));
        List<TopicReader.Captured> read = reader.readUntil(List.of(PREFIX + ".public.captureit_later"), all -> !all.isEmpty(),
                Duration.ofSeconds(60));
        assertThat(read).extracting(r -> r.after().get("note").toString()).containsExactly("added later");
    }

    @Test
    void heartbeatsAdvanceTheSlotWhileCapturedTablesAreIdle() throws Exception {
        String before;
        String target;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            before = slotConfirmed(s);
            // WAL written by tables capture does not follow (another schema) must not pin the slot.
            for (int i = 0; i < 200; i++) {
                s.execute("INSERT INTO captureit_noise.filler (pad) VALUES (repeat('x', 500))");
            }
            try (java.sql.ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                target = rs.getString(1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !lsnReached(s, target)) {
                Thread.sleep(250);
            }
            assertThat(lsnReached(s, target)).as("slot confirmed_flush_lsn moved from " + before + " past " + target
                    + " (now " + slotConfirmed(s) + ")").isTrue();
        }
    }

    @Test
    void aSchemaTheRegistryRejectsMovesOnlyThatTableToAVersionedTopicAndABridgeFeedsTheOldShape() throws Exception {
        String strict = PREFIX + ".public.captureit_strict";
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registry().url());
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO captureit_strict VALUES (1, 10)");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!registry.subjects().contains(strict + "-value") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        registry.setCompatibility(strict + "-value", "BACKWARD");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE captureit_strict ALTER COLUMN v TYPE text USING v::text");
            s.execute("INSERT INTO captureit_strict VALUES (2, 'twenty')");
            s.execute("INSERT INTO captureit_strict VALUES (3, '30')");
            s.execute("INSERT INTO captureit_customers (id, name) VALUES (3, 'still flowing')");
        }
        TopicReader reader = new TopicReader(endpoints.region(REGION).kafka().bootstrapServers(), registry);
        List<TopicReader.Captured> customers = reader.readUntil(List.of(PREFIX + ".public.captureit_customers"),
                all -> all.stream().anyMatch(r -> r.after() != null && r.after().get("id").equals(3L)), Duration.ofSeconds(60));
        assertThat(customers).anyMatch(r -> r.after() != null && r.after().get("id").equals(3L));

        // The new shape on the versioned topic, under a subject of its own; the old subject untouched.
        List<TopicReader.Captured> moved = reader.readUntil(List.of(strict + "-v2"), all -> all.size() >= 2, Duration.ofSeconds(60));
        assertThat(moved).extracting(r -> String.valueOf(r.after().get("v"))).containsExactly("twenty", "30");
        assertThat(registry.versions(strict + "-value")).as("the rejected schema never reached the old subject").hasSize(1);
        assertThat(registry.versions(strict + "-v2-value")).hasSize(1);
        TableState state = capture.status().tables().stream().filter(t -> t.topic().equals(strict)).findFirst().orElseThrow();
        assertThat(state.status()).isEqualTo(TableState.Status.VERSIONED);
        assertThat(state.reason()).contains(strict + "-v2").contains("incompatible");

        // The bridge writes what the old shape can hold back to the old topic, marked; the rest goes
        // to its failure topic with the reason.
        List<TopicReader.Captured> old = reader.readUntil(List.of(strict), all -> all.stream()
                .anyMatch(r -> r.raw().headers().lastHeader("dw.bridged") != null), Duration.ofSeconds(60));
        TopicReader.Captured bridged = old.stream().filter(r -> r.raw().headers().lastHeader("dw.bridged") != null).findFirst().orElseThrow();
        assertThat(bridged.after().get("id")).isEqualTo(3);
        assertThat(bridged.after().get("v")).isEqualTo(30);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> failures = RawReader.read(
                endpoints.region(REGION).kafka().bootstrapServers(), "driftwatch." + PREFIX + ".bridge-failures." + REGION, 1, Duration.ofSeconds(30));
        assertThat(failures).hasSize(1);
        assertThat(DriftwatchHeaders.text(failures.get(0).headers(), DriftwatchHeaders.REASON)).contains("twenty").contains("not a number");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (capture.status().bridges().stream().noneMatch(b -> b.bridged() >= 1) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(capture.status().bridges()).singleElement().satisfies(b -> {
            assertThat(b.from()).isEqualTo(strict + "-v2");
            assertThat(b.to()).isEqualTo(strict);
            assertThat(b.bridged()).isEqualTo(1);
            assertThat(b.failed()).isEqualTo(1);
        });
    }

    private static String slotConfirmed(Statement s) throws Exception {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '"
                + settings().slotName() + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean lsnReached(Statement s, String target) throws Exception {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn >= '" + target + "'::pg_lsn FROM pg_replication_slots "
                + "WHERE slot_name = '" + settings().slotName() + "'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The transactions that changed customer {@code id}. */
    private static java.util.Set<String> txIdsOfCustomer(List<TopicReader.Captured> all, String customers, long id) {
        return all.stream().filter(r -> r.topic().equals(customers) && r.key() != null && Long.valueOf(id).equals(r.key().get("id"))
                && !"r".equals(r.op())).map(TopicReader.Captured::txId).collect(Collectors.toSet());
    }

    private static List<TopicReader.Captured> endsOf(List<TopicReader.Captured> all, java.util.Set<String> txIds) {
        return all.stream().filter(r -> r.topic().equals(PREFIX + ".transaction") && "END".equals(str(r.value(), "status"))
                && txIds.contains(r.txId())).toList();
    }

    static VersionVector vector(TopicReader.Captured r) {
        return VersionVectorCodec.decode(r.raw().headers().lastHeader(DriftwatchHeaders.VERSION_VECTOR).value());
    }

    static HybridTimestamp clock(TopicReader.Captured r) {
        return HybridTimestampCodec.decode(r.raw().headers().lastHeader(DriftwatchHeaders.HLC).value());
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
