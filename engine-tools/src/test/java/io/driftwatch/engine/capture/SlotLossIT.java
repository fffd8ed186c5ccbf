package io.driftwatch.engine.capture;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cli.DriftwatchCli;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.verify.Convergence;
import io.driftwatch.engine.verify.ViewVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replication slot lost under load, and its recovery, as an operator lives it: {@code run --config}
 * captures and merges a region (orders, a stock counter merged as a CRDT, a keyless audit log) while
 * traffic runs. The engine is killed (SIGKILL) while traffic goes on — sales, deleted orders, new
 * orders — and PostgreSQL, limited by a small {@code max_slot_wal_keep_size}, invalidates the slot
 * at a checkpoint. Started again, capture stops with the error and the way out; the job resumes.
 * The console sees the lost slot; {@code capture resnapshot} recovers: the views equal their
 * sources again, the deleted orders are gone, and every sale counts once in the merged stock. The
 * console's way, a resnapshot command the engine carries out, refuses while the new slot is read.
 */
@ExtendWith(LocalStackExtension.class)
class SlotLossIT {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();
    private static final String REGION = "us-east-1";
    private static final int SKUS = 20;
    private static final long START_STOCK = 100_000;

    @Test
    void aLostSlotStopsCaptureWithTheWayOutAndAResnapshotRecoversWithoutCountingAnythingTwice(StackEndpoints e, @TempDir Path dir)
            throws Exception {
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        sql(pg, "CREATE SCHEMA slotloss",
                "CREATE TABLE slotloss.orders (id bigint PRIMARY KEY, sku int NOT NULL, qty int NOT NULL)",
                "CREATE TABLE slotloss.stock (sku int PRIMARY KEY, qty bigint NOT NULL)",
                "ALTER TABLE slotloss.stock REPLICA IDENTITY FULL",
                "CREATE TABLE slotloss.audit (what text NOT NULL, n bigint NOT NULL)",
                "CREATE TABLE public.slotloss_filler (id bigint, pad text)",
                "INSERT INTO slotloss.stock SELECT g, " + START_STOCK + " FROM generate_series(1, " + SKUS + ") g");
        Path pgPassword = Files.writeString(dir.resolve("pg-password"), pg.password());
        Path chPassword = Files.writeString(dir.resolve("ch-password"), e.clickhouse().password());
        Path config = Files.writeString(dir.resolve("pipeline.yaml"), """
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
                  topicPrefix: slotloss
                  schemas: [slotloss]
                  heartbeatIntervalMs: 1000
                processing:
                  checkpointIntervalMs: 2000
                  checkpointDir: %s
                  clickhouse:
                    url: %s
                    user: %s
                    passwordFile: %s
                merge:
                  tables:
                    slotloss.stock:
                      columns:
                        qty: { policy: counter }
                """.formatted(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pgPassword, e.region(REGION).kafka().bootstrapServers(),
                e.registry().url(), dir.resolve("checkpoints").toUri(), e.clickhouse().url(), e.clickhouse().user(), chPassword));
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        Path firstLog = dir.resolve("run.log");
        Path log = dir.resolve("run-again.log");
        Traffic traffic = new Traffic(pg);
        Thread writer = new Thread(traffic, "slotloss-traffic");
        List<Process> engines = new java.util.ArrayList<>();
        try {
            Process first = run(config, firstLog);
            engines.add(first);
            await("the merged stock in its view", () -> mergedStock(clickhouse).size() == SKUS, Duration.ofMinutes(3), firstLog);
            writer.start();
            await("traffic visible in the views", () -> count(clickhouse, "orders") > 50, Duration.ofMinutes(2), firstLog);
            await("a completed checkpoint to resume from", () -> io.driftwatch.engine.process.CompletedCheckpoints.any(dir.resolve("checkpoints")),
                    Duration.ofMinutes(2), firstLog);

            // The engine's host dies (SIGKILL) while traffic goes on; PostgreSQL may keep 16 MB of WAL for the slot and removes
            // the rest at a checkpoint.
            first.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            try {
                sql(pg, "ALTER SYSTEM SET max_slot_wal_keep_size = '16MB'", "SELECT pg_reload_conf()");
                int atKill = traffic.committed.get();
                await("traffic while the engine is down", () -> traffic.committed.get() > atKill + 200, Duration.ofMinutes(1), firstLog);
                sql(pg, "DELETE FROM slotloss.orders WHERE id % 7 = 0");
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!"lost".equals(walStatus(pg))) {
                    assertThat(System.nanoTime()).as("the slot invalidated; wal_status " + walStatus(pg)).isLessThan(deadline);
                    sql(pg, "INSERT INTO public.slotloss_filler SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 20000) g",
                            "SELECT pg_switch_wal()", "CHECKPOINT");
                }
            } finally {
                sql(pg, "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()", "TRUNCATE public.slotloss_filler");
            }

            // The engine is started again: its capture finds the slot lost, says so with the way out, and waits; the job runs.
            Process run = run(config, log);
            engines.add(run);
            await("capture failed with the lost slot and the way out", () -> {
                String out = read(log);
                return out.contains(REGION + " capture failed") && out.contains("was invalidated by PostgreSQL (wal_status lost)")
                        && out.contains("./driftwatch capture resnapshot --config FILE --region " + REGION);
            }, Duration.ofMinutes(2), log);
            assertThat(run.isAlive()).as("the engine keeps running").isTrue();
            assertThat(read(log)).contains("processing resumes from checkpoint");

            // The attached console's Lag screen sees the lost slot (and offers the re-snapshot).
            io.driftwatch.engine.api.AttachedPipeline attached = io.driftwatch.engine.service.ConfiguredPipeline.read(config);
            try (io.driftwatch.engine.api.LagProbe probe = PipelineClients.load().lagProbe(attached.endpoints(), attached.lagSources())) {
                assertThat(probe.probe().slots()).filteredOn(slot -> slot.slot().equals("driftwatch_slotloss_us_east_1"))
                        .extracting(io.driftwatch.engine.api.LagSnapshot.SlotLag::walStatus).containsExactly("lost");
            }
            // The operator re-snapshots the region while traffic goes on; the command asks first.
            StringWriter said = new StringWriter();
            int exit = DriftwatchCli.commandLine().setOut(new PrintWriter(said)).setErr(new PrintWriter(said))
                    .execute("capture", "resnapshot", "--config", config.toString(), "--region", REGION);
            assertThat(exit).as(said.toString()).isEqualTo(1);
            assertThat(said.toString()).contains("pass --yes to confirm").contains("nothing done");
            assertThat(walStatus(pg)).isEqualTo("lost");
            said = new StringWriter();
            exit = DriftwatchCli.commandLine().setOut(new PrintWriter(said)).setErr(new PrintWriter(said))
                    .execute("capture", "resnapshot", "--config", config.toString(), "--region", REGION, "--yes");
            assertThat(exit).as(said.toString()).isZero();
            assertThat(said.toString()).contains("slot driftwatch_slotloss_us_east_1 in us-east-1: lost").contains("dropped slot");
            await("capture running again", () -> lastStatus(read(log)).contains(REGION + " capture running"), Duration.ofMinutes(2), log);
            // The console's way, the engine carrying out a resnapshot command, refuses while capture reads the new slot.
            io.driftwatch.engine.api.AttachedPipeline.Answer answer = attached.resnapshot(REGION, "ops", "slot lost", Duration.ofSeconds(60));
            assertThat(answer.done()).as(answer.message()).isFalse();
            assertThat(answer.message()).contains("replication slot driftwatch_slotloss_us_east_1 is").containsAnyOf("is in use", "not lost");
            int atRecovery = traffic.committed.get();
            await("traffic streamed after the re-snapshot", () -> traffic.committed.get() > atRecovery + 100, Duration.ofMinutes(1), log);
            traffic.stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(traffic.error.get()).isNull();

            // Everything, old and new, in the views; the deleted orders gone; each sale counted once.
            ViewVerifier verifier = new ViewVerifier(clickhouse, "dw_slotloss");
            try (Connection c = connect(pg)) {
                List<ViewVerifier.Result> results = Convergence.await(() -> List.of(verifier.verify(c, "slotloss", "orders"),
                        verifier.verify(c, "slotloss", "audit")), Duration.ofMinutes(3), Duration.ofSeconds(2));
                assertThat(results).allMatch(ViewVerifier.Result::matches);
            }
            Map<Integer, Long> source = sourceStock(pg);
            long sold = SKUS * START_STOCK - source.values().stream().mapToLong(Long::longValue).sum();
            assertThat(sold).as("sales recorded").isEqualTo(traffic.sold.get()).isPositive();
            await("the merged stock equal to the source's", () -> mergedStock(clickhouse).equals(source), Duration.ofMinutes(2), log);
            assertThat(read(log)).doesNotContain(pg.password());
        } finally {
            traffic.stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            for (Process engine : engines) {
                stop(engine);
            }
        }
    }

    /** Orders that sell stock, and an audit line each, until stopped; errors (PostgreSQL may refuse while being reconfigured) are retried. */
    private static final class Traffic implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger committed = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong sold = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
        private final StackEndpoints.Postgres pg;

        Traffic(StackEndpoints.Postgres pg) {
            this.pg = pg;
        }

        @Override
        public void run() {
            try (Connection c = connect(pg)) {
                c.setAutoCommit(false);
                try (var order = c.prepareStatement("INSERT INTO slotloss.orders VALUES (?, ?, ?)");
                     var sell = c.prepareStatement("UPDATE slotloss.stock SET qty = qty - ? WHERE sku = ?");
                     var audit = c.prepareStatement("INSERT INTO slotloss.audit VALUES ('sold', ?)")) {
                    for (long id = 1; !stop.get(); id++) {
                        int sku = (int) (id % SKUS) + 1;
                        int qty = (int) (id % 3) + 1;
                        order.setLong(1, id);
                        order.setInt(2, sku);
                        order.setInt(3, qty);
                        order.executeUpdate();
                        sell.setInt(1, qty);
                        sell.setInt(2, sku);
                        sell.executeUpdate();
                        audit.setLong(1, id % 5); // equal audit lines repeat: a multiset
                        audit.executeUpdate();
                        c.commit();
                        committed.incrementAndGet();
                        sold.addAndGet(qty);
                        Thread.sleep(10);
                    }
                }
            } catch (Throwable t) {
                error.set(t);
            }
        }
    }

    private static String walStatus(StackEndpoints.Postgres pg) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT wal_status FROM pg_replication_slots WHERE slot_name = 'driftwatch_slotloss_us_east_1'")) {
            return rs.next() ? rs.getString(1) : "absent";
        }
    }

    private static Map<Integer, Long> sourceStock(StackEndpoints.Postgres pg) throws Exception {
        Map<Integer, Long> stock = new TreeMap<>();
        try (Connection c = connect(pg); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sku, qty FROM slotloss.stock")) {
            while (rs.next()) {
                stock.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return stock;
    }

    private static Map<Integer, Long> mergedStock(ClickHouseHttp clickhouse) {
        Map<Integer, Long> stock = new TreeMap<>();
        try {
            clickhouse.query("SELECT sku, qty FROM dw_slotloss.slotloss__stock").forEach(r -> stock.put(r.get("sku").asInt(), r.get("qty").asLong()));
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return Map.of();
        }
        return stock;
    }

    private static long count(ClickHouseHttp clickhouse, String table) {
        try {
            return clickhouse.query("SELECT count() AS n FROM dw_slotloss.slotloss__" + table).get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return 0;
        }
    }

    /** The status lines of run's latest report. */
    private static String lastStatus(String out) {
        int at = out.lastIndexOf(REGION + " capture ");
        return at < 0 ? "" : out.substring(at);
    }

    private static Process run(Path config, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "run", "--config", config.toString(), "--status-interval", "2")
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    private static void stop(Process process) throws Exception {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier done, Duration timeout, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; run printed:\n" + read(log));
            }
            Thread.sleep(500);
        }
    }

    private static void sql(StackEndpoints.Postgres pg, String... statements) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
