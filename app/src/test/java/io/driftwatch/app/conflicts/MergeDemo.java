package io.driftwatch.app.conflicts;

import io.driftwatch.engine.naming.Regions;
import io.driftwatch.engine.api.StackEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.sink.ClickHouseHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/**
 * One table merged across both regions of a local stack: {@value #TABLE} (sku, name, price) with
 * a last-writer-wins {@code name} and a {@code manual} {@code price}, captured in each region and
 * merged by a processing job. What the console's conflict tests and a conflict demo need: a price
 * changed in both regions before either saw the other's change becomes a conflict an operator
 * resolves through {@link ConflictDesk}.
 *
 * <p>Why region B's capture starts without a snapshot: both databases start from the same seed
 * rows (B as a copy of A), so the rows count once, from A's snapshot; B streams from then on.
 * Needs a stack with two regions whose {@code public} schema holds nothing else to capture.
 */
public final class MergeDemo implements AutoCloseable {
    public static final String TABLE = "merged_prices";

    private final StackEndpoints endpoints;
    private final String prefix;
    private final List<CaptureService> captures;
    private final JobClient job;
    private final ClickHouseHttp clickhouse;

    private MergeDemo(StackEndpoints endpoints, String prefix, List<CaptureService> captures, JobClient job) {
        this.endpoints = endpoints;
        this.prefix = prefix;
        this.captures = captures;
        this.job = job;
        this.clickhouse = new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password());
    }

    /**
     * Creates and seeds the table in both regions ({@code sku-1} at 5.00, {@code sku-2} at 3.00),
     * starts capture in each and the merging job, and returns once the seed rows are visible in
     * ClickHouse. Blocking (a minute or two); everything started is stopped again if a step fails.
     *
     * @param prefix the topic prefix; the views are in database {@code dw_<prefix>}, and
     *               {@code ConflictDesk.forLocalStack(endpoints, prefix)} reads its conflicts
     */
    public static MergeDemo start(StackEndpoints e, String prefix, Consumer<String> progress) throws Exception {
        List<String> regions = e.regionNames().stream().sorted(Regions.PRIMARY_FIRST).toList();
        if (regions.size() != 2) {
            throw new IllegalArgumentException("a merge needs a stack with two regions, this one has " + regions);
        }
        for (String region : regions) {
            progress.accept("creating " + TABLE + " in " + region);
            sql(e, region, "CREATE TABLE " + TABLE + " (sku text PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL)",
                    "ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL",
                    "INSERT INTO " + TABLE + " VALUES ('sku-1', 'Widget', 5.00), ('sku-2', 'Gadget', 3.00)");
        }
        CaptureService a = new CaptureService(capture(e, prefix, regions.get(0), "initial"));
        CaptureService b = new CaptureService(capture(e, prefix, regions.get(1), "no_data"));
        JobClient job = null;
        try {
            a.start();
            b.start();
            progress.accept("capture running in " + regions);
            Map<String, Object> config = Map.of("tables", Map.of("public." + TABLE, Map.of("columns", Map.of(
                    "name", "lww", "price", "manual"))));
            JobSettings settings = io.driftwatch.engine.cluster.StackJobSettings.of(e, prefix, 1, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION, 0, null)
                    .withMerge(ProcessPlan.awaitMergeSettings(config, e.registry().url(), prefix, Duration.ofMinutes(2)));
            job = PipelineJob.startLocal(settings, null);
            progress.accept("merging job running");
            MergeDemo demo = new MergeDemo(e, prefix, List.of(a, b), job);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (demo.price("sku-1").isEmpty() || demo.price("sku-2").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the seed rows of " + TABLE + " did not become visible in ClickHouse within 3 minutes");
                }
                Thread.sleep(300);
            }
            progress.accept("seed rows merged");
            return demo;
        } catch (Exception | Error failure) {
            if (job != null) {
                cancel(job);
            }
            b.close();
            a.close();
            throw failure;
        }
    }

    /**
     * Sets {@code sku}'s price in each region in turn, without waiting for either change to reach the
     * other: two concurrent changes to a manual column, so the job records a conflict.
     */
    public void concurrentPrices(String sku, String primaryPrice, String secondaryPrice) throws Exception {
        List<String> regions = endpoints.regionNames().stream().sorted(Regions.PRIMARY_FIRST).toList();
        setPrice(regions.get(0), sku, primaryPrice);
        setPrice(regions.get(1), sku, secondaryPrice);
    }

    /** The merged view's price of {@code sku}, as text ({@code 5.00}); empty while the row is not visible. */
    public Optional<String> price(String sku) {
        try {
            List<JsonNode> rows = clickhouse.query("SELECT toString(price) AS price FROM dw_" + prefix + "." + TABLE
                    + " WHERE sku = '" + sku.replace("'", "''") + "'");
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).get("price").asText());
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return Optional.empty();
        }
    }

    private void setPrice(String region, String sku, String price) throws Exception {
        StackEndpoints.Postgres pg = endpoints.region(region).postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), credentials(pg));
             PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET price = ?::numeric WHERE sku = ?")) {
            s.setString(1, price);
            s.setString(2, sku);
            if (s.executeUpdate() != 1) {
                throw new IllegalArgumentException("no row " + sku + " in " + TABLE + " of " + region);
            }
        }
    }

    /** Stops the job and both captures; the stack keeps running. */
    @Override
    public void close() {
        cancel(job);
        captures.forEach(CaptureService::close);
    }

    private static void cancel(JobClient job) {
        try {
            job.cancel().get();
        } catch (Exception e) {
            // Already finished or failed: nothing left to stop.
        }
    }

    private static CaptureSettings capture(StackEndpoints e, String prefix, String region, String snapshotMode) {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        return new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                e.region(region).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig(prefix, List.of("public"), null, 1000L, 10L, snapshotMode, 1));
    }

    private static void sql(StackEndpoints e, String region, String... statements) throws Exception {
        StackEndpoints.Postgres pg = e.region(region).postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), credentials(pg)); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        }
    }

    private static Properties credentials(StackEndpoints.Postgres pg) {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return p;
    }
}
