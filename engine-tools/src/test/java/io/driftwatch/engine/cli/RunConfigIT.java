package io.driftwatch.engine.cli;

import static io.driftwatch.engine.cli.EngineProcesses.await;
import static io.driftwatch.engine.cli.EngineProcesses.run;
import static io.driftwatch.engine.cli.EngineProcesses.sql;
import static io.driftwatch.engine.cli.EngineProcesses.stop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./driftwatch run --config FILE} as an operator runs it against real endpoints: capture and
 * processing from the file (checkpoints on a file:// directory, ClickHouse and PostgreSQL passwords
 * from files, a subject's compatibility level), stopped and started again, resuming from its
 * checkpoint; and {@code ./driftwatch status --config FILE --json} from another process reports it
 * field by field, and says so when the engine has stopped reporting.
 */
@ExtendWith(LocalStackExtension.class)
class RunConfigIT {
    private static final String REGION = "us-east-1";

    /** The test's webhook receiver, stopped after the test however it ends. */
    private com.sun.net.httpserver.HttpServer receiver;

    @org.junit.jupiter.api.AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aConfiguredPipelineCapturesProcessesAndResumesFromItsCheckpoint(StackEndpoints e, @TempDir Path dir) throws Exception {
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        sql(pg, "CREATE SCHEMA runcfg", "CREATE TABLE runcfg.items (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO runcfg.items SELECT g, 'item-' || g FROM generate_series(1, 10) g",
                "CREATE TABLE runcfg.waiting (code text PRIMARY KEY, qty int NOT NULL, price numeric(10,2), seen timestamptz, tags text[])");
        Path pgPassword = Files.writeString(dir.resolve("pg-password"), pg.password());
        Path chPassword = Files.writeString(dir.resolve("ch-password"), e.clickhouse().password());
        Path checkpoints = dir.resolve("checkpoints");
        // A webhook receiver on loopback, and a rule set to fire at the first reading (no conflict is above -1), to follow an alert
        // from the engine's rules to the receiver.
        java.util.List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path hookUrl = Files.writeString(dir.resolve("hook-url"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
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
                  topicPrefix: runcfg
                  schemas: [runcfg]
                  heartbeatIntervalMs: 1000
                processing:
                  checkpointIntervalMs: 1000
                  checkpointDir: %s
                  visibility: checkpoint
                  restAdvertise: localhost
                  clickhouse:
                    url: %s
                    user: %s
                    passwordFile: %s
                schemas:
                  subjects:
                    runcfg.runcfg.items-value: FULL
                metrics:
                  port: 0
                alerts:
                  webhooks:
                    - urlFile: %s
                      format: json
                  rules:
                    conflicts_open: { above: -1, forSeconds: 0 }
                    slot_retained_bytes: { above: %d, forSeconds: 0 }
                """.formatted(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pgPassword, e.region(REGION).kafka().bootstrapServers(),
                e.registry().url(), checkpoints.toUri(), e.clickhouse().url(), e.clickhouse().user(), chPassword, hookUrl, SLOT_ALERT_BYTES));
        ClickHouseHttp clickhouse = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
        SchemaRegistryClient registry = new SchemaRegistryClient(e.registry().url());

        Path firstLog = dir.resolve("first.log");
        Process first = run(config, firstLog);
        try {
            await("the snapshot in the view", () -> count(clickhouse) == 10, Duration.ofMinutes(3), firstLog);
            assertThat(registry.compatibility("runcfg.runcfg.items-value")).isEqualTo("FULL");
            await("a completed checkpoint on disk", () -> io.driftwatch.engine.process.CompletedCheckpoints.any(checkpoints), Duration.ofMinutes(1), firstLog);

            // Tables without rows have their views: one there before capture started, one created while it runs.
            assertThat(viewsJson(config)).as("views of tables without rows")
                    .anySatisfy(v -> assertThat(v.path("source").asText() + " " + v.path("view").asText()).isEqualTo("runcfg.waiting runcfg__waiting"));
            assertThat(clickhouse.query("SELECT count() AS n FROM dw_runcfg.runcfg__waiting").get(0).get("n").asLong()).isZero();
            sql(pg, "CREATE TABLE runcfg.later (id bigint PRIMARY KEY, note text)");
            await("the view of a table created while the pipeline runs", () -> {
                try {
                    return viewsJson(config).stream().anyMatch(v -> v.path("source").asText().equals("runcfg.later"));
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            }, Duration.ofSeconds(30), firstLog);
            // The first change meets the view laid out from the catalog; it shows the row as the registered schema types it.
            sql(pg, "INSERT INTO runcfg.waiting VALUES ('a', 3, 9.50, '2026-12-06 10:00:00+00', ARRAY['x', 'y'])");
            await("the first row of a table that had none, in its view", () -> {
                try {
                    return clickhouse.query("SELECT count() AS n FROM dw_runcfg.runcfg__waiting").get(0).get("n").asLong() == 1;
                } catch (ClickHouseHttp.ClickHouseException notYet) {
                    return false;
                }
            }, Duration.ofMinutes(1), firstLog);
            JsonNode waiting = clickhouse.query("SELECT code, qty, toString(price) AS price, seen, tags FROM dw_runcfg.runcfg__waiting").get(0);
            assertThat(waiting.path("code").asText()).isEqualTo("a");
            assertThat(waiting.path("qty").asInt()).isEqualTo(3);
            assertThat(waiting.path("price").asText()).isEqualTo("9.50");
            assertThat(waiting.path("seen").asText()).startsWith("2026-12-06T10:00:00");
            assertThat(stream(waiting.path("tags")).map(JsonNode::asText)).containsExactly("x", "y");

            JsonNode[] last = new JsonNode[1];
            await("status reporting the items topic read to its end", () -> {
                try {
                    last[0] = status(config);
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
                return last[0].path("partitions").findValues("topic").stream().anyMatch(t -> t.asText().equals("runcfg.runcfg.items"))
                        && stream(last[0].path("partitions")).filter(p -> p.path("topic").asText().equals("runcfg.runcfg.items"))
                        .allMatch(p -> p.path("lag").asLong() == 0);
            }, Duration.ofMinutes(1), firstLog);
            JsonNode report = last[0];
            assertThat(report.path("healthy").asBoolean()).as(report.toPrettyString()).isTrue();
            assertThat(report.path("pipeline").asText()).isEqualTo("runcfg");
            assertThat(report.path("engines")).hasSize(1);
            JsonNode engine = report.path("engines").get(0);
            assertThat(engine.path("stale").asBoolean()).isFalse();
            assertThat(engine.path("ageMillis").asLong()).isBetween(0L, 10_000L);
            assertThat(engine.at("/status/pipeline").asText()).isEqualTo("runcfg");
            assertThat(engine.at("/status/driftwatchVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(engine.at("/status/everyMs").asLong()).isEqualTo(2_000);
            assertThat(engine.at("/status/regions")).hasSize(1);
            assertThat(engine.at("/status/regions/0/region").asText()).isEqualTo(REGION);
            assertThat(engine.at("/status/regions/0/state").asText()).isEqualTo("running");
            assertThat(engine.at("/status/regions/0/records").asLong()).isGreaterThanOrEqualTo(10);
            assertThat(engine.at("/status/regions/0/lastError").isNull()).isTrue();
            assertThat(engine.at("/status/job/state").asText()).isEqualTo("RUNNING");
            assertThat(engine.at("/status/job/visibility").asText()).isEqualTo("checkpoint");
            assertThat(engine.at("/status/job/checkpointDir").asText()).isEqualTo(checkpoints.toUri().toString().replaceAll("/$", ""));
            assertThat(engine.at("/status/job/restUrl").asText()).as("the host other machines reach it at").startsWith("http://localhost:");
            assertThat(engine.at("/status/job/restoredFrom").isNull()).isTrue();
            // The report may predate the job's first checkpoint; phase two waits for a positive count in the metrics.
            assertThat(engine.at("/status/job/checkpoints/completed").isNumber()).as("checkpoints completed").isTrue();
            assertThat(engine.at("/status/job/checkpoints/completed").asLong()).isNotNegative();
            // -1 until the job's first checkpoint completes.
            assertThat(engine.at("/status/job/checkpoints/lastDurationMs").asLong())
                    .isGreaterThanOrEqualTo(engine.at("/status/job/checkpoints/completed").asLong() == 0 ? -1 : 0);
            assertThat(engine.at("/status/activeRegion").isNull()).isTrue();
            assertThat(report.path("slots")).hasSize(1);
            assertThat(report.at("/slots/0/region").asText()).isEqualTo(REGION);
            assertThat(report.at("/slots/0/active").asBoolean()).isTrue();
            assertThat(report.at("/slots/0/walStatus").asText()).isEqualTo("reserved");
            assertThat(report.at("/slots/0/maxSlotWalKeepBytes").asLong()).isEqualTo(-1); // the local PostgreSQL keeps WAL without limit
            assertThat(report.at("/slots/0/safeWalBytes").asLong()).isEqualTo(-1);
            assertThat(report.path("visibility")).allMatch(v -> v.path("region").asText().equals(REGION));
            assertThat(report.at("/commitToVisible/transactions").isIntegralNumber()).isTrue();
            assertThat(report.at("/conflicts/open").asLong()).isZero();
            assertThat(report.at("/conflicts/oversells").asLong()).isZero();
            assertThat(stream(report.path("subjects")).map(JsonNode::asText)).contains("runcfg.runcfg.items-value");
            assertThat(report.path("problems")).isEmpty();
            assertThat(report.path("faults")).isEmpty();

            // A change streamed after the snapshot: capture's lag behind the source is known from it on.
            sql(pg, "CREATE TABLE runcfg.pings (id int PRIMARY KEY)", "INSERT INTO runcfg.pings VALUES (1)");
            await("capture's lag behind the source in the metrics", () -> {
                try {
                    return scrape(firstLog).contains("driftwatch_capture_behind_source_seconds{region=\"us-east-1\"}");
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            }, Duration.ofSeconds(30), firstLog);
            String metrics = scrape(firstLog);
            assertThat(sample(metrics, "driftwatch_capture_state", "region=\"us-east-1\"", "state=\"running\"")).isEqualTo(1);
            assertThat(sample(metrics, "driftwatch_capture_state", "region=\"us-east-1\"", "state=\"failed\"")).isEqualTo(0);
            assertThat(sample(metrics, "driftwatch_capture_events_total", "region=\"us-east-1\"")).isGreaterThanOrEqualTo(10);
            assertThat(sample(metrics, "driftwatch_job_running")).isEqualTo(1);
            assertThat(sample(metrics, "driftwatch_capture_behind_source_seconds", "region=\"us-east-1\"")).isBetween(0.0, 30.0);
            assertThat(sample(metrics, "driftwatch_conflict_oldest_age_seconds")).isEqualTo(0);
            assertThat(sample(metrics, "driftwatch_conflicts_open")).isEqualTo(0);
            assertThat(sample(metrics, "driftwatch_slot_active", "region=\"us-east-1\"")).isEqualTo(1);
            assertThat(sample(metrics, "driftwatch_slot_retained_bytes", "region=\"us-east-1\"")).isGreaterThanOrEqualTo(0);
            assertThat(sample(metrics, "driftwatch_slot_wal_status", "region=\"us-east-1\"", "status=\"reserved\"")).isEqualTo(1);
            assertThat(sample(metrics, "driftwatch_slot_wal_status", "region=\"us-east-1\"", "status=\"lost\"")).isEqualTo(0);
            assertThat(sample(metrics, "driftwatch_consumer_lag_records", "topic=\"runcfg.runcfg.items\"")).isEqualTo(0);
            await("the alert at the webhook", () -> !alerts.isEmpty(), Duration.ofSeconds(30), firstLog);
            assertThat(alerts.get(0)).contains("\"status\":\"firing\"", "\"pipeline\":\"runcfg\"", "\"rule\":\"conflicts_open\"",
                    "\"summary\":\"0 conflict(s) open\"");
            await("the firing alert in the engine's status", () -> {
                try {
                    return status(config).at("/engines/0/status/alerts").findValuesAsText("rule").contains("conflicts_open");
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
            }, Duration.ofSeconds(30), firstLog);
            // What the attached console's Lag screen lists as firing in the engine.
            assertThat(io.driftwatch.engine.service.ConfiguredPipeline.read(config).engineAlerts(Duration.ofSeconds(10)))
                    .extracting(io.driftwatch.engine.api.EngineAlert::rule, io.driftwatch.engine.api.EngineAlert::summary)
                    .contains(org.assertj.core.groups.Tuple.tuple("conflicts_open", "0 conflict(s) open"));
            assertThat(Files.readString(firstLog, StandardCharsets.UTF_8)).contains("ALERT firing conflicts_open: 0 conflict(s) open")
                    .contains("alerting: 14 rule(s), to [http://127.0.0.1:").doesNotContain("/hook");
            assertThat(metrics).contains("# TYPE driftwatch_capture_events_total counter").contains("# TYPE driftwatch_slot_retained_bytes gauge");
        } finally {
            stop(first);
        }
        Thread.sleep(7_000); // three missed reports of 2 s each
        JsonNode stopped = status(config);
        assertThat(stopped.path("healthy").asBoolean()).isFalse();
        assertThat(stopped.at("/engines/0/stale").asBoolean()).isTrue();
        assertThat(stream(stopped.path("faults")).map(JsonNode::asText)).anyMatch(f -> f.contains("last reported"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> io.driftwatch.engine.service.ConfiguredPipeline.read(config)
                .engineAlerts(Duration.ofSeconds(10)))).as("no engine reports any more").hasMessageContaining("is ./driftwatch run --config running?");
        String firstOut = Files.readString(firstLog, StandardCharsets.UTF_8);
        assertThat(firstOut).contains("processing from the start").contains("visibility checkpoint")
                .doesNotContain(pg.password()).doesNotContain(e.clickhouse().password());

        // Capture stays stopped while writes go on: its slot holds their WAL. An engine that runs the job and the rules but no
        // capture fires the slot alert to the webhook, and resolves it once a capture-only engine has caught up.
        sql(pg, "INSERT INTO runcfg.items SELECT g, (SELECT string_agg(md5(random()::text || i), '') FROM generate_series(1, 100) i) "
                + "FROM generate_series(11, " + (10 + LATER_ROWS) + ") g");
        Path secondLog = dir.resolve("second.log");
        Path thirdLog = dir.resolve("third.log");
        Path captureConfig = Files.writeString(dir.resolve("capture.yaml"), Files.readString(config).replaceAll("(?s)\nmetrics:.*", "\n"));
        Process processing = run(config, secondLog, "--no-capture");
        Process capturing = null;
        try {
            await("the slot alert at the webhook", () -> alerts.stream().anyMatch(a -> a.contains("\"rule\":\"slot_retained_bytes\"")
                    && a.contains("\"status\":\"firing\"")), Duration.ofMinutes(1), secondLog);
            // The restored job counts its own checkpoints from zero: wait for its first.
            await("a checkpoint of the resumed job in the metrics", () -> completedCheckpoints(secondLog) > 0, Duration.ofMinutes(1), secondLog);
            Map<String, Double> parsed = parsePrometheus(scrape(secondLog));
            assertThat(parsed.get("driftwatch_slot_retained_bytes{region=us-east-1,slot=" + slot(pg) + "}")).as(parsed.toString())
                    .isGreaterThan(SLOT_ALERT_BYTES);
            assertThat(parsed.get("driftwatch_slot_active{region=us-east-1,slot=" + slot(pg) + "}")).isEqualTo(0.0);
            assertThat(parsed.get("driftwatch_job_running")).isEqualTo(1.0);
            assertThat(parsed.get("driftwatch_checkpoints_completed_total")).isPositive();
            assertThat(parsed.get("driftwatch_checkpoint_age_seconds")).isBetween(0.0, 60.0);
            assertThat(parsed.keySet()).anyMatch(k -> k.startsWith("driftwatch_consumer_lag_records{"));
            assertThat(parsed.keySet()).anyMatch(k -> k.startsWith("driftwatch_consumer_lag_seconds{"));
            assertThat(parsed).as("nothing dead-lettered").containsEntry("driftwatch_dead_letters_total{region=us-east-1}", 0.0);
            capturing = run(captureConfig, thirdLog, "--no-process");
            await("the changes made while capture was stopped", () -> count(clickhouse) == 10 + LATER_ROWS, Duration.ofMinutes(3), thirdLog);
            await("the slot alert resolved at the webhook", () -> alerts.stream().anyMatch(a -> a.contains("\"rule\":\"slot_retained_bytes\"")
                    && a.contains("\"status\":\"resolved\"")), Duration.ofMinutes(2), secondLog);
        } finally {
            stop(capturing);
            stop(processing);
        }
        assertThat(Files.readString(secondLog, StandardCharsets.UTF_8)).contains("processing resumes from checkpoint " + checkpoints.toUri()
                .toString().replaceAll("/$", "")).contains("ALERT firing slot_retained_bytes").contains("ALERT resolved slot_retained_bytes");
        assertThat(Files.readString(thirdLog, StandardCharsets.UTF_8)).doesNotContain("ALERT").doesNotContain("metrics for Prometheus");
    }

    /** Rows written while capture is stopped: about 3 KB each, so their WAL passes {@link #SLOT_ALERT_BYTES}. */
    private static final int LATER_ROWS = 3000;
    private static final long SLOT_ALERT_BYTES = 2_000_000;

    /** The name of the pipeline's only replication slot in the test's database. */
    private static String slot(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), p); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE '%runcfg%'")) {
            assertThat(rs.next()).as("the pipeline's slot").isTrue();
            return rs.getString(1);
        }
    }

    /**
     * Every sample of an exposition as Prometheus' own text parser (Python's prometheus_client, a
     * Debian package the test command installs) reads it: {@code name{label=value,...}} → value,
     * labels in their order on the page. A page it cannot parse fails the test.
     */
    private static Map<String, Double> parsePrometheus(String exposition) throws Exception {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for family in text_string_to_metric_families(sys.stdin.read()):
                    for s in family.samples:
                        labels = ",".join(k + "=" + v for k, v in s.labels.items())
                        print((s.name + "{" + labels + "}" if labels else s.name) + "\t" + repr(float(s.value)))
                """).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (var in = python.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String parsed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(python.exitValue()).as("Prometheus' parser on\n" + exposition + "\n" + errors).isZero();
        Map<String, Double> samples = new java.util.TreeMap<>();
        parsed.lines().map(l -> l.split("\t")).forEach(f -> samples.put(f[0], Double.parseDouble(f[1])));
        assertThat(samples).as("samples parsed").isNotEmpty();
        return samples;
    }

    /** {@code ./driftwatch status --config FILE --json} as its own process; exit 0 only when its report says healthy. */
    private static JsonNode status(Path config) throws Exception {
        EngineProcesses.Printed printed = EngineProcesses.json("status", config);
        JsonNode report = new ObjectMapper().readTree(printed.out().substring(printed.out().indexOf('{')));
        assertThat(printed.exit()).as(printed.out()).isEqualTo(report.path("healthy").asBoolean() ? 0 : 1);
        return report;
    }

    /** {@code ./driftwatch views --config FILE --json} as its own process: one object per view. */
    private static List<JsonNode> viewsJson(Path config) throws Exception {
        EngineProcesses.Printed printed = EngineProcesses.json("views", config);
        assertThat(printed.exit()).as(printed.out()).isZero();
        return stream(new ObjectMapper().readTree(printed.out().substring(printed.out().indexOf('[')))).toList();
    }

    /** What the engine's metrics endpoint (its address printed by run) serves to Prometheus. */
    private static double completedCheckpoints(Path log) {
        try {
            return parsePrometheus(scrape(log)).getOrDefault("driftwatch_checkpoints_completed_total", 0.0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scrape(Path log) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("metrics for Prometheus at (http://\\S+/metrics)")
                .matcher(Files.readString(log, StandardCharsets.UTF_8));
        assertThat(m.find()).as("run prints its metrics address").isTrue();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the one sample of {@code name} whose labels contain every one of {@code labels}. */
    private static double sample(String exposition, String name, String... labels) {
        List<String> lines = exposition.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains)).toList();
        assertThat(lines).as(name + " " + java.util.Arrays.toString(labels) + " in\n" + exposition).hasSize(1);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static long count(ClickHouseHttp clickhouse) {
        try {
            return clickhouse.query("SELECT count() AS n FROM dw_runcfg.runcfg__items").get(0).get("n").asLong();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return -1;
        }
    }
}
