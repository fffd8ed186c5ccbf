package io.driftwatch.engine.bench;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.DebeziumProperties;
import io.driftwatch.engine.capture.TableState;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.transport.AvroCodec;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Suite {@code capture}: how fast changes leave PostgreSQL, for Driftwatch's capture (Debezium,
 * Avro with the registry, Kafka with acknowledgements, offsets in Kafka) and, in the same run on
 * the same data, for Debezium's embedded engine with a consumer that only counts.
 *
 * <p>Backlog drain: both slots exist before a backlog of {@code warmup + backlog} row changes is
 * written; each engine then drains its slot, and the rate is taken over the last {@code backlog}
 * changes so that JIT warm-up does not count. Latency: single-row transactions committed at a
 * fixed rate by four connections; commit→event is the time from the commit returning to the
 * client until the change is delivered (to the counting consumer, or readable from Kafka); the
 * first seconds are left out.
 */
public final class CaptureBenchmark {
    private static final String TABLE = "bench_rows";

    private final StackEndpoints endpoints;
    private final PrintStream out;
    private final int backlog;
    private final int warmup;
    private final int rate;
    private final Duration latencyRun;

    public CaptureBenchmark(StackEndpoints endpoints, PrintStream out, int backlog, int rate, Duration latencyRun) {
        this.endpoints = endpoints;
        this.out = out;
        this.backlog = backlog;
        this.warmup = Math.max(50_000, backlog / 10);
        this.rate = rate;
        this.latencyRun = latencyRun;
    }

    /** Runs the suite and returns its Markdown section. */
    public String run() throws Exception {
        StackEndpoints.Postgres pg = endpoints.region("us-east-1").postgres();
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigint PRIMARY KEY, amount int NOT NULL, note text NOT NULL)");
            s.execute("TRUNCATE " + TABLE);
            s.execute("DROP PUBLICATION IF EXISTS driftwatch_benchraw");
            s.execute("DROP PUBLICATION IF EXISTS driftwatch_benchours");
            s.execute("DROP PUBLICATION IF EXISTS driftwatch_benchkafka");
            s.execute("CREATE PUBLICATION driftwatch_benchraw FOR ALL TABLES");
            s.execute("CREATE PUBLICATION driftwatch_benchours FOR ALL TABLES");
            s.execute("CREATE PUBLICATION driftwatch_benchkafka FOR ALL TABLES");
            s.execute("SELECT pg_create_logical_replication_slot('" + settings("benchraw").slotName() + "', 'pgoutput')");
            s.execute("SELECT pg_create_logical_replication_slot('" + settings("benchkafka").slotName() + "', 'pgoutput')");
            s.execute("SELECT pg_create_logical_replication_slot('" + settings("benchours").slotName() + "', 'pgoutput')");
        }
        long total = (long) warmup + backlog;
        out.printf("writing a backlog of %,d row changes (%,d warm-up + %,d measured)%n", total, warmup, backlog);
        writeBacklog(pg, total);

        out.println("draining with Debezium embedded and a counting consumer");
        double raw = drainRaw(total);
        out.printf("  raw Debezium: %,.0f changes/s%n", raw);
        out.println("draining with Debezium embedded into Kafka (its JSON converter, a plain producer)");
        double rawKafka = drainRawKafka(total);
        out.printf("  Debezium → Kafka: %,.0f changes/s%n", rawKafka);
        out.println("draining with Driftwatch capture into Kafka");
        double ours = drainOurs(total);
        out.printf("  Driftwatch capture: %,.0f changes/s%n", ours);

        out.printf("commit→event latency at %,d transactions/s for %d s (first 5 s left out)%n", rate, latencyRun.toSeconds());
        Percentiles rawLatency = latencyRaw(pg);
        out.printf("  raw Debezium: p50 %.1f ms, p99 %.1f ms (%d samples)%n", rawLatency.p50(), rawLatency.p99(), rawLatency.count());
        Percentiles ourLatency = latencyOurs(pg);
        out.printf("  Driftwatch capture: p50 %.1f ms, p99 %.1f ms (%d samples)%n", ourLatency.p50(), ourLatency.p99(), ourLatency.count());

        String drain = BenchmarkReport.table(List.of("backlog drain, " + String.format("%,d", backlog) + " row changes", "changes/s",
                        "Driftwatch capture's ratio to it"),
                List.of(List.of("Debezium embedded, counting consumer", String.format("%,.0f", raw), String.format("%.2f", ours / raw)),
                        List.of("Debezium embedded → Kafka (its JSON converter, a plain producer)", String.format("%,.0f", rawKafka),
                                String.format("%.2f", ours / rawKafka)),
                        List.of("Driftwatch capture → Kafka", String.format("%,.0f", ours), "1.00")));
        String table = drain + "\n" + BenchmarkReport.table(List.of("measurement", "Debezium embedded, counting consumer", "Driftwatch capture → Kafka", "ratio"),
                List.of(
                        List.of(String.format("commit→event p50 at %,d tx/s", rate), String.format("%.1f ms", rawLatency.p50()),
                                String.format("%.1f ms", ourLatency.p50()), String.format("%.2f", ourLatency.p50() / rawLatency.p50())),
                        List.of(String.format("commit→event p99 at %,d tx/s", rate), String.format("%.1f ms", rawLatency.p99()),
                                String.format("%.1f ms", ourLatency.p99()), String.format("%.2f", ourLatency.p99() / rawLatency.p99()))));
        return table + "\n" + """
                The three drain the same backlog, each from its own replication slot, created before the backlog was
                written; rates are over the last %,d changes, after %,d warm-up changes. Driftwatch capture converts
                each change to Avro, registers its schemas (cached), adds its headers and waits for Kafka's
                acknowledgement of every batch before committing offsets (in Kafka); the counting consumer does none of
                this. The second baseline is what Debezium Server does: Debezium's JSON converter, a producer with
                capture's settings, every batch acknowledged before its offsets are marked (kept in memory).
                Latency is measured in one JVM from the commit returning to the client until the change reaches the
                counting consumer, or until a Kafka consumer polling the topic receives it (which adds its fetch
                wait). Poll interval 10 ms for both. Quote these as medians of one run on a shared, noisy machine.
                """.formatted(backlog, warmup);
    }

    private CaptureSettings settings(String prefix) {
        StackEndpoints.Postgres pg = endpoints.region("us-east-1").postgres();
        return new CaptureSettings("us-east-1", pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                endpoints.region("us-east-1").kafka().bootstrapServers(), endpoints.registry().url(),
                new PipelineConfig.CaptureConfig(prefix, List.of("public"), null, 10_000L, 10L, "no_data", 1));
    }

    private void writeBacklog(StackEndpoints.Postgres pg, long total) throws Exception {
        long begin = System.nanoTime();
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            int chunk = 10_000;
            for (long from = 1; from <= total; from += chunk) {
                long to = Math.min(total, from + chunk - 1);
                s.execute("INSERT INTO " + TABLE + " SELECT g, (g % 1000)::int, md5(g::text) FROM generate_series(" + from + ", " + to + ") g");
            }
        }
        out.printf("  written in %.1f s%n", (System.nanoTime() - begin) / 1e9);
    }

    private double drainRaw(long total) throws Exception {
        AtomicLong count = new AtomicLong();
        Throughput throughput = new Throughput(warmup, total);
        try (RawEngine engine = new RawEngine(settings("benchraw"), (id, now) -> throughput.record(count.incrementAndGet(), now))) {
            engine.start();
            throughput.await(Duration.ofMinutes(10));
        }
        return throughput.rate();
    }

    private double drainRawKafka(long total) throws Exception {
        Throughput throughput = new Throughput(warmup, total);
        CaptureSettings settings = settings("benchkafka");
        try (DebeziumToKafka engine = new DebeziumToKafka(settings)) {
            engine.start("benchkafka.public." + TABLE, settings.transactionTopic(), settings.bootstrapServers());
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!throughput.done() && System.nanoTime() < deadline) {
                throughput.record(engine.published(), System.nanoTime());
                Thread.sleep(20);
            }
        }
        return throughput.rate();
    }

    private double drainOurs(long total) throws Exception {
        Throughput throughput = new Throughput(warmup, total);
        CaptureSettings settings = settings("benchours");
        String topic = "benchours.public." + TABLE;
        try (CaptureService capture = new CaptureService(settings)) {
            capture.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!throughput.done() && System.nanoTime() < deadline) {
                long records = capture.status().tables().stream().filter(t -> t.topic().equals(topic))
                        .mapToLong(TableState::records).sum();
                throughput.record(records, System.nanoTime());
                Thread.sleep(20);
            }
        }
        return throughput.rate();
    }

    private Percentiles latencyRaw(StackEndpoints.Postgres pg) throws Exception {
        ConcurrentHashMap<Long, Long> delivered = new ConcurrentHashMap<>();
        CaptureSettings settings = settings("benchrawlat");
        createSlot(pg, settings);
        try (RawEngine engine = new RawEngine(settings, (id, now) -> delivered.putIfAbsent(id, now))) {
            engine.start();
            return measureLatency(pg, 2_000_000_000L, delivered);
        }
    }

    private Percentiles latencyOurs(StackEndpoints.Postgres pg) throws Exception {
        ConcurrentHashMap<Long, Long> delivered = new ConcurrentHashMap<>();
        CaptureSettings settings = settings("benchourslat");
        createSlot(pg, settings);
        String topic = "benchourslat.public." + TABLE;
        try (CaptureService capture = new CaptureService(settings);
             KafkaConsumer<byte[], byte[]> consumer = latencyConsumer()) {
            capture.start();
            Thread reader = new Thread(() -> readIds(consumer, topic, delivered), "bench-latency-reader");
            reader.setDaemon(true);
            reader.start();
            Percentiles result = measureLatency(pg, 3_000_000_000L, delivered);
            reader.interrupt();
            reader.join(5_000);
            return result;
        }
    }

    private void createSlot(StackEndpoints.Postgres pg, CaptureSettings settings) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + settings.publicationName());
            s.execute("CREATE PUBLICATION " + settings.publicationName() + " FOR ALL TABLES");
            s.execute("SELECT pg_create_logical_replication_slot('" + settings.slotName() + "', 'pgoutput')");
        }
    }

    private KafkaConsumer<byte[], byte[]> latencyConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.region("us-east-1").kafka().bootstrapServers());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void readIds(KafkaConsumer<byte[], byte[]> consumer, String topic, ConcurrentHashMap<Long, Long> delivered) {
        AvroCodec codec = new AvroCodec(new SchemaRegistryClient(endpoints.registry().url()));
        boolean assigned = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!assigned) {
                    if (consumer.listTopics().containsKey(topic)) {
                        consumer.assign(List.of(new TopicPartition(topic, 0)));
                        consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
                        assigned = true;
                    } else {
                        Thread.sleep(50);
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (r.key() != null) {
                        delivered.putIfAbsent((Long) ((GenericRecord) codec.decode(r.key()).value()).get("id"), now);
                    }
                }
            } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                return;
            }
        }
    }

    /**
     * Commits single-row transactions at the fixed rate from four connections, recording when each
     * commit returned; waits for delivery and returns the latencies after the first five seconds.
     */
    private Percentiles measureLatency(StackEndpoints.Postgres pg, long idBase, ConcurrentHashMap<Long, Long> delivered) throws Exception {
        Thread.sleep(3_000); // let the engine connect and start streaming
        ConcurrentHashMap<Long, Long> committed = new ConcurrentHashMap<>();
        int workers = 4;
        long periodNanos = 1_000_000_000L * workers / rate;
        long start = System.nanoTime();
        long end = start + latencyRun.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                try (Connection c = connect(pg);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, 1, 'latency')")) {
                    long next = start + worker * (periodNanos / workers);
                    long n = 0;
                    while (next < end) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        long id = idBase + (long) worker * 100_000_000L + n++;
                        insert.setLong(1, id);
                        insert.executeUpdate();
                        long done = System.nanoTime();
                        if (done - start > 5_000_000_000L) {
                            committed.put(id, done);
                        }
                        next += periodNanos;
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(latencyRun.toSeconds() + 60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !delivered.keySet().containsAll(committed.keySet())) {
            Thread.sleep(100);
        }
        List<Double> samples = new ArrayList<>();
        committed.forEach((id, at) -> {
            Long got = delivered.get(id);
            if (got != null) {
                samples.add(Math.max(0, got - at) / 1e6);
            }
        });
        if (samples.size() < committed.size()) {
            out.printf("  warning: %d of %d changes were not delivered within 60 s%n", committed.size() - samples.size(), committed.size());
        }
        return Percentiles.of(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        return PostgresConnections.open(pg, "driftwatch-bench");
    }

    /** Rate over the changes after the warm-up. */
    private static final class Throughput {
        private final long warmup;
        private final long total;
        private volatile long warmAt = -1;
        private volatile long doneAt = -1;

        Throughput(long warmup, long total) {
            this.warmup = warmup;
            this.total = total;
        }

        synchronized void record(long count, long now) {
            if (warmAt < 0 && count >= warmup) {
                warmAt = now;
            }
            if (doneAt < 0 && count >= total) {
                doneAt = now;
                notifyAll();
            }
        }

        boolean done() {
            return doneAt >= 0;
        }

        synchronized void await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (doneAt < 0 && System.nanoTime() < deadline) {
                wait(200);
            }
        }

        double rate() {
            if (doneAt < 0 || warmAt < 0) {
                return Double.NaN;
            }
            return (total - warmup) / ((doneAt - warmAt) / 1e9);
        }
    }

    /** Debezium's embedded engine with offsets in memory and a consumer that only counts. */
    private static final class RawEngine implements AutoCloseable {
        interface Delivery {
            void delivered(long id, long nanoTime);
        }

        private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        RawEngine(CaptureSettings settings, Delivery delivery) {
            Properties p = DebeziumProperties.of(settings);
            p.setProperty("name", "bench-raw-" + settings.capture().topicPrefix());
            p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
            p.setProperty("heartbeat.interval.ms", "0");
            p.remove("heartbeat.action.query");
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class)).using(p)
                    .notifying((records, committer) -> {
                        long now = System.nanoTime();
                        for (RecordChangeEvent<SourceRecord> event : records) {
                            if (event.record().value() instanceof Struct value && value.schema().field("after") != null
                                    && value.getStruct("after") != null) {
                                delivery.delivered(value.getStruct("after").getInt64("id"), now);
                            }
                            committer.markProcessed(event);
                        }
                        committer.markBatchFinished();
                    }).build();
        }

        void start() {
            thread.execute(engine);
        }

        @Override
        public void close() throws Exception {
            engine.close();
            thread.shutdown();
            thread.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

}
