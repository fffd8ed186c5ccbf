package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.verify.ViewVerifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A multi-table transactional workload through capture → Flink → ClickHouse while a reader
 * samples the consistent views and checks, on every sample, that each order's total equals the
 * sum of its lines (a partial transaction would break it); at the end the views equal the source.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessIT {
    private static final String PREFIX = "procit";
    private static final String REGION = "us-east-1";
    private static final String DATABASE = "dw_procit";

    @Test
    void readersNeverSeeAPartialTransactionAndTheViewsEndEqualToTheSource(StackEndpoints endpoints) throws Exception {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE procit_orders (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(12,2) NOT NULL, note text)");
            s.execute("CREATE TABLE procit_lines (order_id bigint, line_no int, sku text NOT NULL, qty int NOT NULL, "
                    + "price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
            s.execute("INSERT INTO procit_orders VALUES (1, 'snapshot', 5.00, null)");
            s.execute("INSERT INTO procit_lines VALUES (1, 1, 'SKU-0', 2, 2.50)");
        }
        CaptureSettings capture = new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                endpoints.region(REGION).kafka().bootstrapServers(), endpoints.registry().url(),
                new PipelineConfig.CaptureConfig(PREFIX, List.of("public"), null, 1000L, 10L, "initial", 1));
        ClickHouseSettings views = new ClickHouseSettings(endpoints.clickhouse().url(), endpoints.clickhouse().user(),
                endpoints.clickhouse().password(), DATABASE, List.of(REGION));
        JobSettings job = new JobSettings(PREFIX, Map.of(REGION, endpoints.region(REGION).kafka().bootstrapServers()),
                endpoints.registry().url(), views, 2, Duration.ofSeconds(2), JobSettings.Visibility.TRANSACTION,
                "s3p://checkpoints/" + PREFIX, new JobSettings.S3(endpoints.s3().endpoint(), endpoints.s3().accessKey(),
                endpoints.s3().secretKey()), 0, Duration.ofMillis(50));
        ClickHouseHttp clickhouse = new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());

        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        java.util.Set<Long> visibleOrderCounts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    // One query reads both views, so both see one visible position.
                    List<JsonNode> broken = clickhouse.query("SELECT o.id AS id, o.total AS total, l.s AS s FROM " + DATABASE
                            + ".procit_orders AS o ANY LEFT JOIN (SELECT order_id AS id, sum(qty * price) AS s FROM " + DATABASE
                            + ".procit_lines GROUP BY order_id) AS l USING id WHERE toDecimal64(total, 2) != toDecimal64(s, 2)");
                    samples.incrementAndGet();
                    broken.forEach(b -> violations.add(b.toString()));
                    visibleOrderCounts.add(clickhouse.query("SELECT count() AS n FROM " + DATABASE + ".procit_orders").get(0).get("n").asLong());
                } catch (ClickHouseHttp.ClickHouseException notYetCreated) {
                    // the views appear with the first rows
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "invariant-sampler");

        try (CaptureService service = new CaptureService(capture)) {
            service.start();
            JobClient client = PipelineJob.startLocal(job, null);
            try {
                sampler.start();
                runWorkload(pg, 400, new Random(7));
                awaitVerified(pg, clickhouse, Duration.ofMinutes(2));
            } finally {
                sampling.set(false);
                sampler.join(5_000);
                client.cancel().get();
            }
        }
        assertThat(samples.get()).as("the sampler read the views").isGreaterThan(20);
        assertThat(visibleOrderCounts).as("the sampler saw the views grow while the workload ran").hasSizeGreaterThan(5);
        System.out.printf("invariant sampler: %d samples, %d distinct view sizes, no partial transaction seen%n",
                samples.get(), visibleOrderCounts.size());
        assertThat(violations).as("orders whose total differed from their visible lines").isEmpty();
    }

    private static void awaitVerified(StackEndpoints.Postgres pg, ClickHouseHttp clickhouse, Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, DATABASE);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ViewVerifier.Result> results = List.of();
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(pg)) {
                results = List.of(verifier.verify(c, "public", "procit_orders"), verifier.verify(c, "public", "procit_lines"));
            }
            if (results.stream().allMatch(ViewVerifier.Result::matches)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("views did not converge to the source: " + results);
    }

    /** Orders with 1–4 lines; some orders are repriced (a line and the total together) or deleted with their lines. */
    private static void runWorkload(StackEndpoints.Postgres pg, int transactions, Random random) throws Exception {
        try (Connection c = connect(pg)) {
            c.setAutoCommit(false);
            try (PreparedStatement order = c.prepareStatement("INSERT INTO procit_orders VALUES (?, ?, ?, ?)");
                 PreparedStatement line = c.prepareStatement("INSERT INTO procit_lines VALUES (?, ?, ?, ?, ?)");
                 Statement s = c.createStatement()) {
                long nextId = 2;
                for (int t = 0; t < transactions; t++) {
                    int choice = random.nextInt(10);
                    if (choice < 7 || nextId < 5) {
                        long id = nextId++;
                        int lines = 1 + random.nextInt(4);
                        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
                        for (int n = 1; n <= lines; n++) {
                            int qty = 1 + random.nextInt(5);
                            java.math.BigDecimal price = java.math.BigDecimal.valueOf(100 + random.nextInt(900), 2);
                            line.setLong(1, id);
                            line.setInt(2, n);
                            line.setString(3, "SKU-" + random.nextInt(50));
                            line.setInt(4, qty);
                            line.setBigDecimal(5, price);
                            line.executeUpdate();
                            total = total.add(price.multiply(java.math.BigDecimal.valueOf(qty)));
                        }
                        order.setLong(1, id);
                        order.setString(2, "customer-" + random.nextInt(20));
                        order.setBigDecimal(3, total);
                        order.setString(4, random.nextBoolean() ? null : "gift");
                        order.executeUpdate();
                    } else if (choice < 9) {
                        long id = 2 + random.nextInt((int) (nextId - 2));
                        s.executeUpdate("UPDATE procit_lines SET qty = qty + 1 WHERE order_id = " + id + " AND line_no = 1");
                        s.executeUpdate("UPDATE procit_orders SET total = (SELECT sum(qty * price) FROM procit_lines WHERE order_id = "
                                + id + ") WHERE id = " + id);
                    } else {
                        long id = 2 + random.nextInt((int) (nextId - 2));
                        s.executeUpdate("DELETE FROM procit_lines WHERE order_id = " + id);
                        s.executeUpdate("DELETE FROM procit_orders WHERE id = " + id);
                    }
                    c.commit();
                    if (t % 20 == 0) {
                        Thread.sleep(10);
                    }
                }
            }
        }
    }

    static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
