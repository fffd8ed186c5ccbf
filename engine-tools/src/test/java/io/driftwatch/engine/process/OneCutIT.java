package io.driftwatch.engine.process;

import io.driftwatch.engine.cluster.CheckpointLocator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.gateway.SqlGateway;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One query, one cut. While transactions each change one row of three tables and append to a
 * fourth (so that in every committed state {@code a}, {@code b} and {@code c} agree row by row and
 * the ledger's deltas add up to each table's sum), single queries of three forms read the views —
 * a join of two views, four views in scalar subqueries of one SELECT (one of them a slow
 * aggregation over the growing ledger), and IN over another view — a thousand of each through the
 * SQL gateway, in both visibility modes at job parallelism 2: none may see a partial transaction.
 * The same queries sent to ClickHouse directly, past the gateway, read each view at whatever cut
 * is current when ClickHouse reaches it, and do see partial transactions: so the check can fail.
 */
@ExtendWith(LocalStackExtension.class)
class OneCutIT {
    private static final String PREFIX = "onecut";
    private static final String DB = "dw_" + PREFIX;
    private static final int KEYS = 40;
    private static final int QUERIES_PER_FORM = 1000;

    /** One form of query, and how to tell that its answer mixes cuts. */
    private enum Form {
        JOIN("SELECT countIf(v != bv) AS bad, sum(v) AS total FROM " + DB + ".onecut_a ALL INNER JOIN (SELECT id, v AS bv FROM " + DB
                + ".onecut_b) USING id"),
        SCALARS("SELECT toInt64((SELECT sum(v) FROM " + DB + ".onecut_a)) AS sa, toInt64((SELECT sum(v) FROM " + DB + ".onecut_b)) AS sb, "
                + "toInt64((SELECT sum(v) FROM " + DB + ".onecut_c)) AS sc, "
                // The slow one: the ledger's view aggregates every version of a table that grows with each transaction.
                + "toInt64((SELECT sum(delta) FROM " + DB + ".onecut_ledger)) AS sl, "
                + "toUInt8(NOT (sa = sb AND sb = sc AND sc = sl)) AS bad"),
        IN("SELECT countIf((id, v) NOT IN (SELECT id, v FROM " + DB + ".onecut_c)) AS bad, sum(v) AS total FROM " + DB + ".onecut_a");

        final String sql;

        Form(String sql) {
            this.sql = sql;
        }
    }

    @Test
    void everyQueryThroughTheGatewaySeesEveryViewAtOneCut(StackEndpoints endpoints) throws Exception {
        StackEndpoints.Postgres pg = endpoints.region(ProcessIT.REGION).postgres();
        createTables(pg);
        ClickHouseHttp direct = ProcessIT.clickhouse(endpoints);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        Thread load = new Thread(() -> load(pg, loading, committed), "onecut-load");
        List<String> report = new ArrayList<>();
        int directPartials = 0;
        try (CaptureService capture = new CaptureService(ProcessIT.captureSettings(endpoints, PREFIX));
             SqlGateway gateway = new SqlGateway("127.0.0.1", 0, endpoints.clickhouse().url(), endpoints.clickhouse().user(),
                     endpoints.clickhouse().password(), DB, SqlGateway.DEFAULT_PERIOD).start()) {
            capture.start();
            ClickHouseHttp throughGateway = new ClickHouseHttp(gateway.url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
            load.start();
            for (JobSettings.Visibility mode : JobSettings.Visibility.values()) {
                JobSettings settings = ProcessIT.jobSettings(endpoints, PREFIX, 2, mode);
                settings = settings.withClickHouse(settings.clickhouse().withGatewayKeepingTheCut());
                // The second mode's job resumes where the first stopped, so its views move on at once.
                JobClient job = PipelineJob.startLocal(settings, CheckpointLocator.latest(settings).orElse(null));
                try {
                    awaitRows(throughGateway, committed);
                    int before = committed.get();
                    // The three forms at once, as concurrent readers would send them.
                    Map<Form, Sample> gatewaySamples = sampleAll(throughGateway, QUERIES_PER_FORM, Integer.MAX_VALUE);
                    for (Form form : Form.values()) {
                        Sample s = gatewaySamples.get(form);
                        report.add(String.format("%-11s %-7s through the gateway: %d queries, %d partial, %d distinct answers, median %d ms",
                                mode, form, s.queries, s.partials.size(), s.distinct, s.medianMillis));
                        assertThat(s.queries).isEqualTo(QUERIES_PER_FORM);
                        assertThat(s.partials).as("%s queries through the gateway that saw a partial transaction (%s mode)", form, mode).isEmpty();
                        assertThat(s.distinct).as("distinct answers of %s: the views moved while it was sampled", form).isGreaterThan(5);
                    }
                    assertThat(committed.get()).as("transactions committed while the gateway was sampled").isGreaterThan(before + 100);
                    Map<Form, Sample> directSamples = sampleAll(direct, 300, 3);
                    for (Form form : Form.values()) {
                        Sample s = directSamples.get(form);
                        directPartials += s.partials.size();
                        report.add(String.format("%-11s %-7s directly:             %d queries, %d partial, median %d ms", mode, form, s.queries,
                                s.partials.size(), s.medianMillis));
                    }
                    if (mode == JobSettings.Visibility.values()[JobSettings.Visibility.values().length - 1]) {
                        loading.set(false);
                        load.join(30_000);
                        // verify reads through the gateway too
                        awaitVerified(pg, throughGateway, Duration.ofMinutes(2));
                    }
                } finally {
                    job.cancel().get();
                }
            }
            SqlGateway.Figures figures = gateway.figures();
            report.add(String.format("gateway: %d requests, %d cut advances, advance waited for running queries p50 %d ms, p99 %d ms, max %d ms",
                    figures.requests(), figures.advances(), figures.waitP50Millis(), figures.waitP99Millis(), figures.waitMaxMillis()));
        } finally {
            loading.set(false);
            load.join(30_000);
            report.forEach(System.out::println);
        }
        assertThat(directPartials).as("partial transactions seen by the same queries sent past the gateway").isGreaterThan(0);
    }

    private record Sample(int queries, List<String> partials, int distinct, long medianMillis) {}

    private static Map<Form, Sample> sampleAll(ClickHouseHttp clickhouse, int n, int enoughPartials) throws Exception {
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(Form.values().length);
        try {
            Map<Form, java.util.concurrent.Future<Sample>> futures = new java.util.EnumMap<>(Form.class);
            for (Form form : Form.values()) {
                futures.put(form, readers.submit(() -> sample(clickhouse, form, n, enoughPartials)));
            }
            Map<Form, Sample> samples = new java.util.EnumMap<>(Form.class);
            for (Map.Entry<Form, java.util.concurrent.Future<Sample>> f : futures.entrySet()) {
                samples.put(f.getKey(), f.getValue().get(10, java.util.concurrent.TimeUnit.MINUTES));
            }
            return samples;
        } finally {
            readers.shutdownNow();
        }
    }

    /** Runs {@code form} {@code n} times (stopping early after {@code enoughPartials} partial answers). */
    private static Sample sample(ClickHouseHttp clickhouse, Form form, int n, int enoughPartials) {
        List<String> partials = new CopyOnWriteArrayList<>();
        java.util.Set<String> answers = new java.util.HashSet<>();
        List<Long> millis = new ArrayList<>();
        int queries = 0;
        while (queries < n && partials.size() < enoughPartials) {
            long begin = System.nanoTime();
            JsonNode answer = clickhouse.query(form.sql).get(0);
            millis.add((System.nanoTime() - begin) / 1_000_000);
            queries++;
            answers.add(answer.toString());
            if (answer.get("bad").asLong() != 0) {
                partials.add(answer.toString());
            }
        }
        millis.sort(null);
        return new Sample(queries, partials, answers.size(), millis.get(millis.size() / 2));
    }

    private static void createTables(StackEndpoints.Postgres pg) throws Exception {
        try (Connection c = OrderWorkload.connect(pg); Statement s = c.createStatement()) {
            for (String t : List.of("onecut_a", "onecut_b", "onecut_c")) {
                s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v bigint NOT NULL)");
                s.execute("INSERT INTO " + t + " SELECT g, 0 FROM generate_series(1, " + KEYS + ") g");
            }
            s.execute("CREATE TABLE onecut_ledger (seq bigserial PRIMARY KEY, id int NOT NULL, delta bigint NOT NULL)");
        }
    }

    /** One transaction after another: row k of a, b and c set to the transaction's number, its change appended to the ledger. */
    private static void load(StackEndpoints.Postgres pg, AtomicBoolean loading, AtomicInteger committed) {
        Random random = new Random(22);
        try (Connection c = OrderWorkload.connect(pg)) {
            c.setAutoCommit(false);
            long n = 0;
            while (loading.get()) {
                n++;
                int k = 1 + random.nextInt(KEYS);
                long previous;
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM onecut_a WHERE id = ?")) {
                    ps.setInt(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        previous = rs.getLong(1);
                    }
                }
                for (String t : List.of("onecut_a", "onecut_b", "onecut_c")) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET v = ? WHERE id = ?")) {
                        ps.setLong(1, n);
                        ps.setInt(2, k);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO onecut_ledger (id, delta) VALUES (?, ?)")) {
                    ps.setInt(1, k);
                    ps.setLong(2, n - previous);
                    ps.executeUpdate();
                }
                c.commit();
                committed.incrementAndGet();
                Thread.sleep(40);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the load stopped", e);
        }
    }

    private static void awaitRows(ClickHouseHttp clickhouse, AtomicInteger committed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (clickhouse.query("SELECT count() AS n FROM " + DB + ".onecut_ledger").get(0).get("n").asLong() > 50) {
                    return;
                }
            } catch (ClickHouseHttp.ClickHouseException notYet) {
                // the views appear with the first rows
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ledger's view never showed rows; committed " + committed.get());
    }

    private static void awaitVerified(StackEndpoints.Postgres pg, ClickHouseHttp clickhouse, Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, DB);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ViewVerifier.Result> results = List.of();
        while (System.nanoTime() < deadline) {
            results = new ArrayList<>();
            try (Connection c = OrderWorkload.connect(pg)) {
                for (String t : List.of("onecut_a", "onecut_b", "onecut_c", "onecut_ledger")) {
                    results.add(verifier.verify(c, "public", t));
                }
            }
            if (results.stream().allMatch(ViewVerifier.Result::matches)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("views did not converge to the source: " + results);
    }
}
