package io.driftwatch.engine.cli;

import static io.driftwatch.engine.cli.EngineProcesses.run;
import static io.driftwatch.engine.cli.EngineProcesses.sql;
import static io.driftwatch.engine.cli.EngineProcesses.stop;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.service.CommandedRegions;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover controller as a service: {@code run --config} with two regions and a
 * {@code failover} section runs processing in the primary's cluster; from another process, the
 * console's way ({@link CommandedRegions}: the status topic, a command, the figures in the views'
 * database) moves it to the other region while both regions take traffic; a restart of {@code run}
 * resumes where the move left it; {@code driftwatch failback} brings it back; and the view holds
 * every row of both regions.
 */
@ExtendWith(LocalStackExtension.class)
class FailoverServiceIT {
    private static final String PRIMARY = "us-east-1";
    private static final String SECONDARY = "eu-west-1";

    @Test
    void processingMovesOnACommandStaysThereAcrossARestartAndFailsBackFromTheCommandLine(StackEndpoints e, @TempDir Path dir) throws Exception {
        for (String region : List.of(PRIMARY, SECONDARY)) {
            sql(e.region(region).postgres(), "CREATE SCHEMA failsvc", "CREATE TABLE failsvc.items (id int PRIMARY KEY, region text NOT NULL)");
        }
        Path config = Files.writeString(dir.resolve("pipeline.yaml"), config(e, dir));
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        io.driftwatch.engine.service.ConfiguredPipeline attached = io.driftwatch.engine.service.ConfiguredPipeline.read(config);
        CommandedRegions regions = new CommandedRegions(attached, "it-operator", "moving on purpose");
        Map<String, Integer> inserted = new ConcurrentHashMap<>();
        AtomicBoolean traffic = new AtomicBoolean(true);
        Thread writer = new Thread(() -> write(e, inserted, traffic), "failsvc-traffic");

        Path firstLog = dir.resolve("first.log");
        Process run = run(config, firstLog);
        try {
            EngineStatus started = await("the controller reporting the primary as active", () -> controller(attached), Duration.ofMinutes(3), firstLog);
            assertThat(started.activeRegion()).isEqualTo(PRIMARY);
            assertThat(started.failover().primary()).isEqualTo(PRIMARY);
            assertThat(started.failover().detectionTimeoutMs()).as("commands only").isZero();
            assertThat(started.failover().movingSinceMs()).isEqualTo(-1);
            assertThat(regions.activeRegion()).isEqualTo(PRIMARY);
            writer.start();
            await("both regions' rows in the view", () -> visible(clickhouse) >= 10 && inserted.get(SECONDARY) != null
                    && visibleFrom(clickhouse, SECONDARY) > 0, Duration.ofMinutes(3), firstLog);

            // What the attached console's Pipeline screen reads: each region's capture from the reports, the job at the reported REST address.
            assertThat(attached.captures(Duration.ofSeconds(5))).extracting(io.driftwatch.engine.api.EngineCapture::region,
                    io.driftwatch.engine.api.EngineCapture::state).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(PRIMARY, "running"), org.assertj.core.groups.Tuple.tuple(SECONDARY, "running"));
            assertThat(attached.flinkJobs(Duration.ofSeconds(5))).hasValueSatisfying(flink ->
                    assertThat(flink.jobs()).extracting(io.driftwatch.engine.api.FlinkJobs.Job::state).contains("RUNNING"));

            FailoverFigures moved = regions.failover(SECONDARY);
            assertThat(moved.kind()).isEqualTo("failover");
            assertThat(moved.from()).isEqualTo(PRIMARY);
            assertThat(moved.to()).isEqualTo(SECONDARY);
            assertThat(moved.trigger()).isEqualTo("command");
            assertThat(moved.rtoMillis()).as("the views advanced again in " + SECONDARY).isNotNegative();
            await("the status reporting " + SECONDARY + " as active", () -> SECONDARY.equals(activeRegion(attached)), Duration.ofSeconds(30), firstLog);
            assertThat(regions.figures()).extracting(FailoverFigures::id).contains(moved.id());
            // status --json says the same, field by field.
            StringWriter json = new StringWriter();
            picocli.CommandLine status = DriftwatchCli.commandLine();
            status.setOut(new PrintWriter(json, true));
            status.execute("status", "--config", config.toString(), "--json");
            com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    json.toString().substring(json.toString().indexOf('{')));
            com.fasterxml.jackson.databind.JsonNode engine = report.path("engines").get(0).path("status");
            assertThat(engine.path("activeRegion").asText()).as(report.toPrettyString()).isEqualTo(SECONDARY);
            assertThat(engine.at("/failover/primary").asText()).isEqualTo(PRIMARY);
            assertThat(engine.at("/failover/detectionTimeoutMs").asLong()).isZero();
            assertThat(engine.at("/failover/movingSinceMs").asLong()).isEqualTo(-1);
            assertThat(engine.at("/failover/moves").asInt()).isEqualTo(1);
            assertThat(Files.readString(firstLog)).contains("command ").contains("from it-operator: done, failover from us-east-1 to eu-west-1");

            stop(run);
            Path secondLog = dir.resolve("second.log");
            run = run(config, secondLog);
            await("the restarted controller reporting", () -> {
                EngineStatus s = controller(attached);
                return s != null && s.startedMs() > moved.failedAtMillis() ? s : null;
            }, Duration.ofMinutes(3), secondLog);
            assertThat(activeRegion(attached)).as("a restart resumes where the last move left processing").isEqualTo(SECONDARY);
            assertThat(Files.readString(secondLog)).contains("processing runs in eu-west-1 (primary us-east-1, where the last recorded move left it)");
            int beforeFailback = inserted.values().stream().mapToInt(Integer::intValue).sum();
            await("rows written after the restart in the view", () -> visible(clickhouse) > beforeFailback, Duration.ofMinutes(2), secondLog);

            StringWriter out = new StringWriter();
            picocli.CommandLine cli = DriftwatchCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            int exit = cli.execute("failback", "--config", config.toString(), "--operator", "it-operator", "--yes");
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("processing runs in eu-west-1; fail back to us-east-1").contains("failback from eu-west-1 to us-east-1");
            await("the status reporting " + PRIMARY + " as active again", () -> PRIMARY.equals(activeRegion(attached)), Duration.ofSeconds(30), secondLog);
            assertThat(regions.figures()).extracting(FailoverFigures::kind).containsSubsequence("failover", "failback");

            traffic.set(false);
            writer.join(10_000);
            int total = inserted.values().stream().mapToInt(Integer::intValue).sum();
            await("every row of both regions in the view", () -> visible(clickhouse) == total, Duration.ofMinutes(2), secondLog);
            assertThat(visibleFrom(clickhouse, PRIMARY)).isEqualTo(inserted.get(PRIMARY).longValue());
            assertThat(visibleFrom(clickhouse, SECONDARY)).isEqualTo(inserted.get(SECONDARY).longValue());
        } finally {
            traffic.set(false);
            writer.join(10_000);
            stop(run);
        }
    }

    private static String config(StackEndpoints e, Path dir) throws Exception {
        StringBuilder regions = new StringBuilder();
        for (String region : List.of(PRIMARY, SECONDARY)) {
            StackEndpoints.Postgres pg = e.region(region).postgres();
            Path password = Files.writeString(dir.resolve("pg-" + region), pg.password());
            regions.append("""
                      - name: %s
                        postgres:
                          host: %s
                          port: %d
                          database: %s
                          user: %s
                          passwordFile: %s
                        kafka:
                          bootstrapServers: %s
                    """.formatted(region, pg.host(), pg.port(), pg.database(), pg.user(), password, e.region(region).kafka().bootstrapServers()));
        }
        Path chPassword = Files.writeString(dir.resolve("ch-password"), e.clickhouse().password());
        return "regions:\n" + regions + """
                registry:
                  url: %s
                capture:
                  topicPrefix: failsvc
                  schemas: [failsvc]
                  heartbeatIntervalMs: 1000
                processing:
                  checkpointIntervalMs: 1000
                  checkpointDir: %s
                  clickhouse:
                    url: %s
                    user: %s
                    passwordFile: %s
                failover:
                  primary: %s
                  detectionTimeoutMs: 0
                """.formatted(e.registry().url(), dir.resolve("checkpoints").toUri(), e.clickhouse().url(), e.clickhouse().user(), chPassword,
                PRIMARY);
    }

    /** A row in each region every 200 ms, counted once committed: the moves need traffic to see the views advance. */
    private static void write(StackEndpoints e, Map<String, Integer> inserted, AtomicBoolean traffic) {
        int next = 0;
        while (traffic.get()) {
            next++;
            for (String region : List.of(PRIMARY, SECONDARY)) {
                int id = region.equals(PRIMARY) ? next : 1_000_000 + next;
                try {
                    sql(e.region(region).postgres(), "INSERT INTO failsvc.items VALUES (" + id + ", '" + region + "')");
                    inserted.merge(region, 1, Integer::sum);
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** The newest report of an engine running the failover controller, or null while none reports one. */
    private static EngineStatus controller(io.driftwatch.engine.service.ConfiguredPipeline attached) {
        try {
            return attached.engines(Duration.ofSeconds(5)).stream().filter(s -> s.failover() != null)
                    .max(java.util.Comparator.comparingLong(EngineStatus::heartbeatMs)).orElse(null);
        } catch (IllegalStateException notYet) {
            return null;
        }
    }

    private static String activeRegion(io.driftwatch.engine.service.ConfiguredPipeline attached) {
        EngineStatus s = controller(attached);
        return s == null ? null : s.activeRegion();
    }

    private static long visible(ClickHouseHttp clickhouse) {
        try {
            return clickhouse.query("SELECT count() AS n FROM dw_failsvc.failsvc__items").get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return -1;
        }
    }

    private static long visibleFrom(ClickHouseHttp clickhouse, String region) {
        try {
            return clickhouse.query("SELECT count() AS n FROM dw_failsvc.failsvc__items WHERE region = '" + region + "'").get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return -1;
        }
    }

    private static <T> T await(String what, java.util.function.Supplier<T> found, Duration timeout, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = found.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + "; run printed:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void await(String what, BooleanSupplier done, Duration timeout, Path log) throws Exception {
        await(what, () -> done.getAsBoolean() ? Boolean.TRUE : null, timeout, log);
    }
}
