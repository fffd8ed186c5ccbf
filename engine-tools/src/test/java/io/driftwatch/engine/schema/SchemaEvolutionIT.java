package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.registry.SchemaVersion;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live DDL on a table under load, with capture and the job running: a column added, a column
 * dropped, a column's type changed. Each lands where it should — registry versions, ClickHouse
 * columns, the versioned topic and its bridge — and the views end equal to the source.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionIT {
    static final String REGION = "us-east-1";
    static final String PREFIX = "evo";
    static final String TABLE = "evo_items";
    static final String TOPIC = PREFIX + ".public." + TABLE;

    @Test
    void addingDroppingAndRetypingColumnsUnderLoadReachesRegistryViewsAndOldConsumers(StackEndpoints e) throws Exception {
        sql(e, "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL, note text)",
                "INSERT INTO " + TABLE + " SELECT g, 'item-' || g, g, 'first' FROM generate_series(1, 20) g");
        SchemaRegistryClient registry = new SchemaRegistryClient(e.registry().url());
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicReference<Exception> loadFailure = new AtomicReference<>();
        try (CaptureService capture = new CaptureService(captureSettings(e))) {
            capture.start();
            await("the table's first schema", () -> registry.subjects().contains(TOPIC + "-value"), Duration.ofMinutes(1));
            registry.setCompatibility(TOPIC + "-value", "BACKWARD");
            JobClient job = PipelineJob.startLocal(io.driftwatch.engine.cluster.StackJobSettings.of(e, PREFIX, 1, Duration.ofSeconds(1),
                    JobSettings.Visibility.TRANSACTION, 0, null), null);
            Thread load = new Thread(() -> load(e, stop, written, loadFailure), "evo-load");
            load.start();
            try {
                await("rows in the view", () -> count(clickhouse) > 20, Duration.ofMinutes(2));

                // 1. A nullable column: a new compatible version; ClickHouse gains it; older rows read null.
                sql(e, "ALTER TABLE " + TABLE + " ADD COLUMN color text", "UPDATE " + TABLE + " SET color = 'blue' WHERE id = 1");
                await("color in the registry", () -> latest(registry, TOPIC + "-value").getField("after") != null
                        && row(latest(registry, TOPIC + "-value")).getField("color") != null, Duration.ofMinutes(1));
                await("color in ClickHouse", () -> columns(clickhouse).containsKey("color"), Duration.ofMinutes(1));
                await("color in the view", () -> "blue".equals(scalar(clickhouse, "SELECT color FROM dw_evo." + TABLE + " WHERE id = 1"))
                        && "".equals(scalar(clickhouse, "SELECT ifNull(color, '') FROM dw_evo." + TABLE + " WHERE id = 2")), Duration.ofMinutes(1));

                // 2. A dropped column stays in the schema, optional, reported deprecated; ClickHouse keeps it.
                int beforeDrop = registry.versions(TOPIC + "-value").size();
                sql(e, "ALTER TABLE " + TABLE + " DROP COLUMN note", "UPDATE " + TABLE + " SET name = name || '!' WHERE id = 2");
                await("a version after the drop", () -> registry.versions(TOPIC + "-value").size() > beforeDrop, Duration.ofMinutes(1));
                Schema afterDrop = latest(registry, TOPIC + "-value");
                assertThat(row(afterDrop).getField("note")).as("the dropped field is kept").isNotNull();
                assertThat(DeprecationReport.of(registry, PREFIX + ".")).extracting(DeprecationReport.Entry::subject, DeprecationReport.Entry::field,
                        DeprecationReport.Entry::sinceVersion).containsExactly(org.assertj.core.groups.Tuple.tuple(TOPIC + "-value", "note", beforeDrop + 1));
                assertThat(columns(clickhouse)).containsKey("note");

                // 3. A type change BACKWARD forbids: the table moves to a -v2 topic; the old subject
                // is untouched; a bridge feeds the old topic in the old shape; ClickHouse converts.
                int beforeRetype = registry.versions(TOPIC + "-value").size();
                sql(e, "ALTER TABLE " + TABLE + " ALTER COLUMN qty TYPE text USING qty::text", "UPDATE " + TABLE + " SET qty = '77' WHERE id = 3");
                await("the v2 subject", () -> registry.subjects().contains(TOPIC + "-v2-value"), Duration.ofMinutes(1));
                assertThat(registry.versions(TOPIC + "-value")).hasSize(beforeRetype);
                assertThat(row(latest(registry, TOPIC + "-v2-value")).getField("qty").schema().toString()).contains("string");
                List<ConsumerRecord<byte[], byte[]>> v2 = io.driftwatch.engine.capture.RawReaderAccess.read(
                        e.region(REGION).kafka().bootstrapServers(), TOPIC + "-v2", 1, Duration.ofSeconds(30));
                assertThat(v2).isNotEmpty();
                AvroCodec codec = new AvroCodec(registry);
                await("bridged records on the old topic", () -> bridged(e, codec).stream().anyMatch(r -> r.get("id").equals(3L)
                        && Integer.valueOf(77).equals(r.get("qty"))), Duration.ofMinutes(1));
                await("qty retyped in ClickHouse", () -> columns(clickhouse).get("qty").contains("String"), Duration.ofMinutes(1));
                assertThat(capture.status().bridges()).singleElement().satisfies(b -> assertThat(b.failed()).isZero());

                Thread.sleep(2_000); // load goes on across the last change
            } finally {
                stop.set(true);
                load.join(30_000);
            }
            assertThat(loadFailure.get()).as("the load's own failure").isNull();
            assertThat(written.get()).as("transactions the load committed").isGreaterThan(50);
            awaitVerified(e, clickhouse);
            job.cancel().get();
        }
    }

    private static void load(StackEndpoints e, AtomicBoolean stop, AtomicLong written, AtomicReference<Exception> failure) {
        long id = 1_000;
        while (!stop.get()) {
            try {
                // Statements valid before and after every change: the columns the load names all stay.
                sql(e, "INSERT INTO " + TABLE + " (id, name, qty) VALUES (" + id + ", 'load-" + id + "', 5)",
                        "UPDATE " + TABLE + " SET name = 'touched-" + id + "' WHERE id = " + (4 + id % 15));
                id++;
                written.incrementAndGet();
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                return;
            } catch (Exception ex) {
                if (ex.getMessage() == null || !ex.getMessage().contains("deadlock")) {
                    failure.set(ex);
                    return;
                }
            }
        }
    }

    private static List<GenericRecord> bridged(StackEndpoints e, AvroCodec codec) {
        return io.driftwatch.engine.capture.RawReaderAccess.read(e.region(REGION).kafka().bootstrapServers(), TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(4))
                .stream().filter(r -> r.headers().lastHeader("dw.bridged") != null && r.value() != null)
                .map(r -> (GenericRecord) ((GenericRecord) codec.decode(r.value()).value()).get("after"))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static Schema latest(SchemaRegistryClient registry, String subject) {
        SchemaVersion v = registry.version(subject, "latest");
        return v.schema();
    }

    private static Schema row(Schema envelope) {
        return DroppedFields.row(envelope);
    }

    private static Map<String, String> columns(ClickHouseHttp clickhouse) {
        return clickhouse.query("SELECT name, type FROM system.columns WHERE database = 'dw_evo' AND table = '" + TABLE + "__rows'").stream()
                .collect(Collectors.toMap(n -> n.get("name").asText(), n -> n.get("type").asText()));
    }

    private static long count(ClickHouseHttp clickhouse) {
        try {
            return clickhouse.query("SELECT count() AS n FROM dw_evo." + TABLE).get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return 0;
        }
    }

    private static String scalar(ClickHouseHttp clickhouse, String sql) {
        try {
            var rows = clickhouse.query(sql);
            return rows.isEmpty() ? null : rows.get(0).elements().next().asText();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return null;
        }
    }

    private static void awaitVerified(StackEndpoints e, ClickHouseHttp clickhouse) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, "dw_evo");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        ViewVerifier.Result result;
        do {
            try (Connection c = connect(e)) {
                result = verifier.verify(c, "public", TABLE);
            }
            if (result.matches()) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the view did not converge to the source: " + result);
    }

    private static void await(String what, BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not there yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static CaptureSettings captureSettings(StackEndpoints e) {
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        return new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(REGION).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), null, 1000L, 10L, "initial", 1));
    }

    private static Connection connect(StackEndpoints e) throws Exception {
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }

    private static void sql(StackEndpoints e, String... statements) throws Exception {
        try (Connection c = connect(e); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        }
    }
}
