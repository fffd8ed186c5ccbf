package io.driftwatch.engine.cli;

import static io.driftwatch.engine.cli.EngineProcesses.await;
import static io.driftwatch.engine.cli.EngineProcesses.run;
import static io.driftwatch.engine.cli.EngineProcesses.sql;
import static io.driftwatch.engine.cli.EngineProcesses.stop;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.verify.ViewVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table joins the {@code merge} section of a running pipeline: the pipeline runs under load, is
 * stopped, gets the table added to {@code merge} and is started again. It resumes from its
 * checkpoint, the table's view becomes the merged one, seeded with every key it held, and once
 * the load stops every view equals its source.
 */
@ExtendWith(LocalStackExtension.class)
class MergeJoinIT {
    private static final String REGION = "us-east-1";
    private static final int PRODUCTS = 50;

    @Test
    void aTableAddedToMergeResumesFromTheCheckpointAndItsMergedViewEqualsTheSource(StackEndpoints e, @TempDir Path dir) throws Exception {
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        sql(pg, "CREATE SCHEMA mjoin",
                "CREATE TABLE mjoin.products (sku text PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL)",
                "ALTER TABLE mjoin.products REPLICA IDENTITY FULL", // as every merged table needs (docs/CONFIG.md)
                "CREATE TABLE mjoin.orders (id bigint PRIMARY KEY, sku text NOT NULL, qty int NOT NULL)",
                "INSERT INTO mjoin.products SELECT 'SKU-' || g, 'product ' || g, 10.00 + g FROM generate_series(1, " + PRODUCTS + ") g");
        Path pgPassword = Files.writeString(dir.resolve("pg-password"), pg.password());
        Path chPassword = Files.writeString(dir.resolve("ch-password"), e.clickhouse().password());
        String unmerged = """
                regions:
                  - name: %s
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      user: %s
                      passwordFile: %s
                    kafka:
                      bootstrapServers: %s
                registry:
                  url: %s
                capture:
                  topicPrefix: mjoin
                  schemas: [mjoin]
                  heartbeatIntervalMs: 1000
                processing:
                  checkpointIntervalMs: 1000
                  checkpointDir: %s
                  clickhouse:
                    url: %s
                    user: %s
                    passwordFile: %s
                """.formatted(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pgPassword, e.region(REGION).kafka().bootstrapServers(),
                e.registry().url(), dir.resolve("checkpoints").toUri(), e.clickhouse().url(), e.clickhouse().user(), chPassword);
        Path config = Files.writeString(dir.resolve("pipeline.yaml"), unmerged);
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());

        Traffic traffic = new Traffic(pg);
        Thread writer = new Thread(traffic, "mjoin-traffic");
        Path firstLog = dir.resolve("run.log");
        Path secondLog = dir.resolve("run-merged.log");
        Process first = null;
        Process second = null;
        try {
            first = run(config, firstLog);
            await("the products in their view", () -> count(clickhouse, "products") == PRODUCTS, Duration.ofMinutes(3), firstLog);
            writer.start();
            await("orders visible under load", () -> count(clickhouse, "orders") > 30, Duration.ofMinutes(2), firstLog);
            await("a completed checkpoint", () -> io.driftwatch.engine.process.CompletedCheckpoints.any(dir.resolve("checkpoints")),
                    Duration.ofMinutes(1), firstLog);
            stop(first);
            assertThat(showCreate(clickhouse, "products")).as("the per-region view before the join").contains("products__rows");

            // The load goes on while the pipeline is down and after it is back, now merging products.
            Files.writeString(config, unmerged + """
                    merge:
                      tables:
                        mjoin.products:
                          columns: {}
                    """);
            int before = traffic.committed.get();
            await("traffic while the pipeline is down", () -> traffic.committed.get() > before + 20, Duration.ofMinutes(1), firstLog);
            second = run(config, secondLog);
            await("the merged view of products", () -> showCreate(clickhouse, "products").contains("products__merged"), Duration.ofMinutes(3),
                    secondLog);
            int atJoin = traffic.committed.get();
            await("traffic merged after the join", () -> traffic.committed.get() > atJoin + 30, Duration.ofMinutes(1), secondLog);
            traffic.running.set(false);
            writer.join(30_000);

            ViewVerifier verifier = new ViewVerifier(clickhouse, "dw_mjoin");
            ViewVerifier.Result[] last = new ViewVerifier.Result[2];
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            do {
                try (Connection c = connect(pg)) {
                    last[0] = verifier.verify(c, "mjoin", "products");
                    last[1] = verifier.verify(c, "mjoin", "orders");
                }
                if (last[0].matches() && last[1].matches()) {
                    break;
                }
                Thread.sleep(1_000);
            } while (System.nanoTime() < deadline);
            assertThat(last[1].matches()).as("orders: %s", last[1]).isTrue();
            assertThat(last[0].matches()).as("products: %s; differing keys: %s; merged table: %s; cuts: %s; merge visibility: %s", last[0],
                    differences(pg, clickhouse),
                    clickhouse.query("SELECT count() AS n, max(_seq) AS seq, countIf(_seq > 0) AS merged FROM dw_mjoin.mjoin__products__merged"),
                    clickhouse.query("SELECT source, max(position) AS p FROM dw_mjoin._cut GROUP BY source"),
                    clickhouse.query("SELECT max(seq) AS s, count() AS n FROM dw_mjoin._merge_visibility")).isTrue();
            assertThat(last[0].source().rows()).isEqualTo(PRODUCTS);
            assertThat(count(clickhouse, "products__merged")).as("merged versions: the seed and the changes since").isGreaterThan(PRODUCTS);
            String out = Files.readString(secondLog, StandardCharsets.UTF_8);
            assertThat(out).contains("processing resumes from checkpoint").contains("products joined the merge")
                    .contains("each of its " + PRODUCTS + " key(s)");
        } finally {
            traffic.running.set(false);
            stop(first);
            stop(second);
        }
    }

    /** Orders and price changes, a few per transaction, until told to stop. */
    private static final class Traffic implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger committed = new AtomicInteger();
        private final StackEndpoints.Postgres pg;

        Traffic(StackEndpoints.Postgres pg) {
            this.pg = pg;
        }

        @Override
        public void run() {
            try (Connection c = connect(pg)) {
                c.setAutoCommit(false);
                int id = 0;
                while (running.get()) {
                    id++;
                    int sku = 1 + id % PRODUCTS;
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("INSERT INTO mjoin.orders VALUES (" + id + ", 'SKU-" + sku + "', 1)");
                        s.execute("UPDATE mjoin.products SET price = price + 0.01 WHERE sku = 'SKU-" + sku + "'");
                    }
                    c.commit();
                    committed.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The keys whose price differs between the source and the merged view, with both prices. */
    private static java.util.List<String> differences(StackEndpoints.Postgres pg, ClickHouseHttp clickhouse) throws Exception {
        java.util.Map<String, String> source = new java.util.TreeMap<>();
        try (Connection c = connect(pg); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT sku, price::text FROM mjoin.products")) {
            while (rs.next()) {
                source.put(rs.getString(1), rs.getString(2));
            }
        }
        java.util.Map<String, String> view = new java.util.TreeMap<>();
        clickhouse.query("SELECT sku, toString(price) AS price, _vector FROM dw_mjoin.mjoin__products")
                .forEach(r -> view.put(r.get("sku").asText(), r.get("price").asText() + " " + r.get("_vector").asText()));
        java.util.List<String> differ = new java.util.ArrayList<>();
        source.forEach((sku, price) -> {
            String seen = view.get(sku);
            if (seen == null || !seen.startsWith(price + " ")) {
                differ.add(sku + ": source " + price + ", view " + seen);
            }
        });
        view.keySet().stream().filter(k -> !source.containsKey(k)).forEach(k -> differ.add(k + ": only in the view"));
        return differ;
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }

    private static long count(ClickHouseHttp clickhouse, String table) {
        try {
            return Long.parseLong(clickhouse.query("SELECT count() AS n FROM dw_mjoin.mjoin__" + table).get(0).get("n").asText());
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return -1;
        }
    }

    private static String showCreate(ClickHouseHttp clickhouse, String view) {
        try {
            return clickhouse.query("SHOW CREATE TABLE dw_mjoin.mjoin__" + view).get(0).path("statement").asText();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return "";
        }
    }
}
