package io.driftwatch.app.services;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.app.conflicts.ConflictSource;
import io.driftwatch.app.conflicts.ConflictsViewModel;
import io.driftwatch.app.inventory.InventoryViewModel;
import io.driftwatch.app.lag.LagRow;
import io.driftwatch.app.lag.LagThresholds;
import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.app.regions.RegionsViewModel;
import io.driftwatch.app.schemas.SchemasViewModel;
import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.EngineCapture;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.InventoryReader;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.demo.GlobalMartWorkload;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackPipelineConfig;
import io.driftwatch.engine.stack.StackUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production path end to end on secured servers: a two-region local stack whose Kafka
 * clusters take SCRAM over TLS and authorize by ACL, and whose registry asks for a login; {@code ./driftwatch run --config} as its
 * own process with the engine's user; and, from this process, the console's view-models attached
 * with the workstation's own least-privilege users (a Kafka user that reads the pipeline's topics
 * and writes only the command topic, a PostgreSQL monitoring role, a read-only ClickHouse user, a
 * registry login that may only read).
 * Every screen shows live data; a read-only grant disables the actions with the reason; a price
 * conflict is resolved through the command topic and the merged view shows the kept value; a
 * console window attached from its own process is killed and the pipeline does not notice; a
 * failover command moves processing and the Regions screen shows where and the move's figures;
 * {@code status --json} says the same, field by field. Every process and server is stopped when
 * the test ends, also when it fails.
 */
class SecureAttachIT {
    private static final String PREFIX = LocalPipeline.PREFIX;
    private static final String PRIMARY = "us-east-1";
    private static final String SECONDARY = "eu-west-1";
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();
    private static final Duration READ = Duration.ofSeconds(5);

    @Test
    void aConsoleWithItsOwnLeastPrivilegeUsersOperatesAPipelineOnSecuredKafka() throws Exception {
        Path dir = Path.of("target", "it-secure-attach").toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Process run = null;
        Process console = null;
        AtomicBoolean traffic = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        ExecutorService moves = Executors.newSingleThreadExecutor();
        Path runLog = dir.resolve("run.log");
        try (LocalStack stack = LocalStack.start(StackConfig.of(dir.resolve("stack"), 2).withSecurity(true),
                line -> System.out.println("[it-secure-attach] " + line))) {
            StackEndpoints e = stack.endpoints();
            StackUsers users = stack.users().orElseThrow();
            for (String region : e.regionNames()) {
                try (Connection c = connect(e.region(region).postgres())) {
                    new GlobalMartWorkload(region, 11).setUpShared(c);
                }
            }
            stack.grantConsole(PREFIX, true);
            Path config = Files.writeString(dir.resolve("pipeline.yaml"), StackPipelineConfig.yaml(StackPipelineConfig.of(e, stack.dir(), PREFIX,
                    LocalPipeline.MERGE, "public.outbox", users)));
            assertThat(Files.readString(config)).contains("SASL_SSL").contains("console:").doesNotContain(users.passwords().consoleKafka())
                    .doesNotContain(users.passwords().engineKafka());

            // The registry asks for a login; the console's may read and never change a subject.
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(users.registryUrl() + "/subjects")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).as("anonymous").isEqualTo(401);
            String consoleLogin = "Basic " + java.util.Base64.getEncoder().encodeToString((StackUsers.CONSOLE_REGISTRY_USER + ":"
                    + users.passwords().registryConsole()).getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(users.registryUrl() + "/subjects"))
                    .header("Authorization", consoleLogin).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(users.registryUrl() + "/subjects/x-value/versions"))
                    .header("Authorization", consoleLogin).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"string\\\"\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).as("the console registers nothing").isEqualTo(403);

            run = engine(config, runLog);
            io.driftwatch.engine.service.ConfiguredPipeline attached = io.driftwatch.engine.service.ConfiguredPipeline.read(config);
            // The console's own users, not the pipeline's.
            assertThat(attached.endpoints().region(PRIMARY).kafka().security().username()).isEqualTo(StackUsers.CONSOLE_KAFKA_USER);
            assertThat(attached.endpoints().region(PRIMARY).kafka().security().protocol()).isEqualTo("SASL_SSL");
            assertThat(attached.endpoints().region(PRIMARY).postgres().user()).isEqualTo(StackUsers.POSTGRES_MONITOR);
            assertThat(attached.endpoints().clickhouse().user()).isEqualTo(StackUsers.CLICKHOUSE_CONSOLE);
            assertThat(io.driftwatch.engine.registry.RegistryCredentials.of(attached.endpoints().registry().url()).url()).isEqualTo(users.registryUrl());
            assertThat(attached.endpoints().registry().url()).contains(StackUsers.CONSOLE_REGISTRY_USER + ":");
            Process engine = run;
            await("the engine reporting processing in " + PRIMARY, () -> PRIMARY.equals(activeRegion(attached)), Duration.ofMinutes(4),
                    () -> engine.isAlive() ? tail(runLog) : "run exited:\n" + tail(runLog));
            for (String region : e.regionNames()) {
                try (Connection c = connect(e.region(region).postgres())) {
                    awaitSlot(c, Duration.ofMinutes(2));
                    new GlobalMartWorkload(region, 11).setUpRegional(c);
                }
            }
            for (String region : e.regionNames()) {
                int rate = region.equals(PRIMARY) ? 20 : 10;
                Thread t = new Thread(() -> {
                    try (Connection c = connect(e.region(region).postgres())) {
                        new GlobalMartWorkload(region, region.equals(PRIMARY) ? 11 : 12).run(c, rate, Duration.ofMinutes(8), () -> !traffic.get());
                    } catch (Exception failed) {
                        System.out.println("[it-secure-attach] workload in " + region + " stopped: " + failed);
                    }
                }, "secure-attach-load-" + region);
                t.setDaemon(true);
                load.add(t);
                t.start();
            }
            console = consoleWindow(config, dir);
            Process window0 = console;

            // Pipeline: each region's capture and the job from the engine's reports, commit→visible from the views.
            PipelineViewModel pipeline = new PipelineViewModel();
            ConfiguredEndpoints configured = ConfiguredEndpoints.read(config);
            pipeline.attached(configured, configured.probe(Duration.ofSeconds(2)));
            try (AttachedMonitor monitor = new AttachedMonitor(attached, pipeline, Runnable::run, Duration.ofSeconds(1)).start()) {
                await("the Pipeline screen showing the job running and transactions made visible",
                        () -> pipeline.processingProperty().get().contains("running:") && pipeline.processingProperty().get().contains("commit→visible p50"),
                        Duration.ofMinutes(3), () -> pipeline.processingProperty().get() + "\n" + tail(runLog));
            }
            assertThat(attached.captures(READ)).extracting(EngineCapture::region, EngineCapture::state).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(PRIMARY, "running"), org.assertj.core.groups.Tuple.tuple(SECONDARY, "running"));

            // Lag: slots (the monitoring role), consumer lag (the Kafka user may describe the job's group), the views.
            LagViewModel lag = new LagViewModel(LagThresholds.defaults(), Duration.ofMinutes(10));
            ConflictsViewModel conflicts = new ConflictsViewModel(moves, Runnable::run, "secure-operator");
            SchemasViewModel schemas = new SchemasViewModel(Runnable::run, Runnable::run);
            try (LagMonitor lagMonitor = new LagMonitor(x -> PipelineClients.load().lagProbe(x, attached.lagSources()), lag, Runnable::run, Duration.ofSeconds(1));
                 ConflictMonitor conflictMonitor = new ConflictMonitor(x -> attached.conflictDesk(),
                         desk -> ConflictSource.viaCommands(attached, desk, Duration.ofSeconds(60)), conflicts, Runnable::run, Duration.ofSeconds(1))) {
                lagMonitor.start(attached.endpoints());
                conflictMonitor.start(attached.endpoints());
                schemas.connect(PipelineClients.load().schemaRegistry(attached.endpoints().registry().url()));
                await("the Lag screen's three stages in both regions", () -> lag.rows().stream().map(LagRow::stage).distinct().count() == 3
                        && lag.rows().stream().map(LagRow::region).distinct().count() == 2, Duration.ofMinutes(1),
                        () -> lag.statusProperty().get() + " " + lag.rows());
                await("the Schemas screen listing the orders subject", () -> schemas.subjects().contains(PREFIX + ".public.orders-value"),
                        Duration.ofMinutes(1), () -> schemas.subjects().toString());

                // Inventory: both warehouses' stock and the sellable figure, with the read-only ClickHouse user.
                InventoryViewModel inventory = new InventoryViewModel();
                StackEndpoints.ClickHouse ch = attached.endpoints().clickhouse();
                InventoryReader stock = new InventoryReader(ch.url(), ch.user(), ch.password(), attached.viewDatabase());
                await("the Inventory screen showing both warehouses", () -> {
                    inventory.update(stock.read());
                    return inventory.warehouses().size() == 2 && !inventory.rows().isEmpty();
                }, Duration.ofMinutes(3), () -> inventory.statusProperty().get());

                // Regions: the active region from the engine's reports, MirrorMaker 2's copies in both directions, moves enabled.
                RegionsViewModel regions = new RegionsViewModel(moves, Runnable::run, System::currentTimeMillis);
                RegionControl control = attached.regionControl("secure-operator", "moving on purpose");
                regions.connect(control);
                try (RegionsReader reader = new RegionsReader(() -> configured.probe(Duration.ofSeconds(2)), Optional.of(control),
                        PipelineClients.load().replicationProbe(attached.endpoints(), PREFIX), e.regionNames())) {
                    await("the Regions screen showing " + PRIMARY + " active and both copies", () -> {
                        regions.update(reader.read());
                        return PRIMARY.equals(regions.activeProperty().get()) && regions.directions().size() == 2;
                    }, Duration.ofMinutes(2), () -> regions.statusProperty().get() + " / " + regions.mirrorProperty().get());
                    Optional<String> allowed = attached.commandRefusal(READ);
                    assertThat(allowed).as("the console's user may write the command topic").isEmpty();
                    regions.commandsRefused(allowed.orElse(null));
                    assertThat(regions.canFailoverProperty().get()).isTrue();

                    // A console granted only reading watches and says why it cannot act.
                    stack.grantConsole(PREFIX, false);
                    String refused = awaitValue("the read-only grant to take effect", () -> attached.commandRefusal(READ).orElse(null),
                            Duration.ofSeconds(30));
                    assertThat(refused).contains(StackUsers.CONSOLE_KAFKA_USER).contains("may not write driftwatch." + PREFIX + ".commands")
                            .contains("docs/CONFIG.md");
                    regions.commandsRefused(refused);
                    conflicts.commandsRefused(refused);
                    assertThat(regions.canFailoverProperty().get()).isFalse();
                    assertThat(regions.refusal(RegionsViewModel.Move.FAILOVER)).contains(refused);
                    assertThat(regions.commandRefusalProperty().get()).isEqualTo(refused);
                    assertThat(conflicts.commandRefusalProperty().get()).isEqualTo(refused);
                    stack.grantConsole(PREFIX, true);
                    await("the full grant to take effect again", () -> attached.commandRefusal(READ).isEmpty(), Duration.ofSeconds(30), () -> "");
                    regions.commandsRefused(null);
                    conflicts.commandsRefused(null);

                    // Conflicts: a price changed in both regions at once, resolved through the command topic.
                    traffic.set(false);
                    for (Thread t : load) {
                        t.join(30_000);
                    }
                    setPrice(e.region(PRIMARY).postgres(), "SKU-7", "1234.50");
                    setPrice(e.region(SECONDARY).postgres(), "SKU-7", "4321.50");
                    ConflictDesk.OpenConflict price = awaitValue("the concurrent price of SKU-7 as a conflict", () -> conflicts.conflicts().stream()
                            .filter(c -> c.column().equals("price") && c.key().contains("SKU-7") && c.sides().stream()
                                    .anyMatch(s -> "4321.50".equals(s.value()))).findFirst().orElse(null), Duration.ofMinutes(2));
                    conflicts.select(price.id());
                    int eu = conflicts.sides().stream().filter(s -> s.region().equals(SECONDARY)).findFirst().orElseThrow().index();
                    conflicts.reasonProperty().set("the EU price list is the current one");
                    assertThat(conflicts.keepSide(eu)).isTrue();
                    await("the decision applied", () -> !conflicts.busyProperty().get(), Duration.ofSeconds(90), () -> conflicts.resultProperty().get());
                    assertThat(conflicts.resultFailedProperty().get()).as(conflicts.resultProperty().get()).isFalse();
                    ClickHouseHttp admin = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password());
                    await("the merged view showing the kept price", () -> "4321.50".equals(price(admin)), Duration.ofMinutes(1), () -> price(admin));
                    assertThat(Files.readString(runLog)).contains("from secure-operator: done");

                    // The console window, attached from its own process, is killed: the pipeline goes on as before.
                    EngineStatus before = controller(attached);
                    ProcessHandle window = awaitValue("the console window's JVM", () -> consoleJvm(window0), Duration.ofSeconds(30));
                    assertThat(tail(dir.resolve("console.log"))).as("the window attached").contains("log: ");
                    // The window is killed after it has been reading the pipeline for a while (its probes and
                    // consumers hold connections and group memberships), however fast the steps above went.
                    long attachedFor = System.currentTimeMillis() - window.info().startInstant().orElseThrow().toEpochMilli();
                    if (attachedFor < 20_000) {
                        Thread.sleep(20_000 - attachedFor);
                    }
                    assertThat(window.isAlive()).as("the window still runs after 20 s attached").isTrue();
                    window.destroyForcibly();
                    window.onExit().get(30, TimeUnit.SECONDS);
                    setPrice(e.region(PRIMARY).postgres(), "SKU-8", "777.70");
                    await("a change after the kill in the views", () -> "777.70".equals(price(admin, "SKU-8")), Duration.ofMinutes(1),
                            () -> price(admin, "SKU-8"));
                    EngineStatus after = awaitValue("a report after the kill", () -> {
                        EngineStatus s = controller(attached);
                        return s != null && s.heartbeatMs() > before.heartbeatMs() ? s : null;
                    }, Duration.ofSeconds(30));
                    assertThat(run.isAlive()).isTrue();
                    assertThat(after.engine()).isEqualTo(before.engine());
                    assertThat(after.job().checkpoints().restarts()).isEqualTo(before.job().checkpoints().restarts());
                    assertThat(after.regions()).allSatisfy(r -> assertThat(r.restarts()).isZero());

                    // Regions: a failover command moves processing; the screen shows where and the move's figures.
                    regions.update(reader.read());
                    assertThat(regions.move(RegionsViewModel.Move.FAILOVER)).isTrue();
                    await("the failover done", () -> !regions.busyProperty().get(), Duration.ofMinutes(4), () -> regions.resultProperty().get());
                    assertThat(regions.resultFailedProperty().get()).as(regions.resultProperty().get()).isFalse();
                    await("the Regions screen showing " + SECONDARY + " active with the move's figures", () -> {
                        regions.update(reader.read());
                        return SECONDARY.equals(regions.activeProperty().get()) && !regions.figures().isEmpty();
                    }, Duration.ofMinutes(1), () -> regions.statusProperty().get());
                    FailoverFigures move = regions.figures().get(0);
                    assertThat(move.kind()).isEqualTo("failover");
                    assertThat(move.from()).isEqualTo(PRIMARY);
                    assertThat(move.to()).isEqualTo(SECONDARY);
                    assertThat(move.trigger()).isEqualTo("command");
                    assertThat(move.rtoMillis()).isNotNegative();
                }
            }

            // status --json, with the console's users, says the same field by field.
            JsonNode report = status(config);
            assertThat(report.path("problems").size()).as(report.toPrettyString()).isZero();
            JsonNode engineStatus = report.path("engines").get(0).path("status");
            assertThat(engineStatus.path("activeRegion").asText()).isEqualTo(SECONDARY);
            assertThat(engineStatus.at("/failover/primary").asText()).isEqualTo(PRIMARY);
            assertThat(engineStatus.at("/failover/moves").asInt()).isEqualTo(1);
            assertThat(engineStatus.at("/job/state").asText()).isEqualTo("RUNNING");
            List<String> captured = new ArrayList<>();
            engineStatus.path("regions").forEach(r -> captured.add(r.path("region").asText() + "=" + r.path("state").asText()));
            assertThat(captured).containsExactlyInAnyOrder(PRIMARY + "=running", SECONDARY + "=running");
            assertThat(report.path("slots").size()).isEqualTo(2);
            assertThat(report.path("partitions").size()).isPositive();
            assertThat(report.at("/commitToVisible/transactions").asLong()).isPositive();
            assertThat(report.path("subjects").toString()).contains(PREFIX + ".public.orders-value");
            assertThat(report.at("/conflicts/open").asLong()).isNotNegative();
            assertThat(report.path("mirror").size()).isEqualTo(2);
        } finally {
            traffic.set(false);
            moves.shutdownNow();
            stopConsole(console);
            stop(run);
        }
    }

    /** {@code ./driftwatch run --config} as its own process. */
    private static Process engine(Path config, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "run", "--config", config.toString(),
                "--status-interval", "2").directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    /** The console's window attached to {@code config}, on a virtual display. */
    private static Process consoleWindow(Path config, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "demo", "--config", config.toString(),
                "--operator", "window-operator", "--duration", "15m").directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    /** The console's JVM under xvfb-run (the launcher script execs it; its long class path makes the command line unreadable here). */
    private static ProcessHandle consoleJvm(Process console) {
        return console.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().orElse(null);
    }

    private static void stopConsole(Process console) throws InterruptedException {
        if (console == null) {
            return;
        }
        console.descendants().forEach(ProcessHandle::destroy);
        console.destroy();
        if (!console.waitFor(20, TimeUnit.SECONDS)) {
            console.descendants().forEach(ProcessHandle::destroyForcibly);
            console.destroyForcibly();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode status(Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "status", "--config", config.toString(), "--json")
                .directory(REPO.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(out).isTrue();
        return new ObjectMapper().readTree(out.substring(out.indexOf('{')));
    }

    private static String activeRegion(io.driftwatch.engine.service.ConfiguredPipeline attached) {
        EngineStatus s = controller(attached);
        return s == null ? null : s.activeRegion();
    }

    private static EngineStatus controller(io.driftwatch.engine.service.ConfiguredPipeline attached) {
        try {
            return attached.engines(READ).stream().filter(s -> s.failover() != null).max(Comparator.comparingLong(EngineStatus::heartbeatMs))
                    .orElse(null);
        } catch (IllegalStateException notYet) {
            return null;
        }
    }

    private static String price(ClickHouseHttp clickhouse) {
        return price(clickhouse, "SKU-7");
    }

    private static String price(ClickHouseHttp clickhouse, String sku) {
        try {
            List<JsonNode> rows = clickhouse.query("SELECT toString(price) AS price FROM dw_" + PREFIX + ".products WHERE sku = '" + sku + "'");
            return rows.isEmpty() ? null : rows.get(0).get("price").asText();
        } catch (ClickHouseHttp.ClickHouseException notYet) {
            return null;
        }
    }

    private static void setPrice(StackEndpoints.Postgres pg, String sku, String price) throws Exception {
        try (Connection c = connect(pg); PreparedStatement s = c.prepareStatement("UPDATE products SET price = ?::numeric WHERE sku = ?")) {
            s.setString(1, price);
            s.setString(2, sku);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }

    /** Capture's slot: rows written before it exists reach no region's stream. */
    private static void awaitSlot(Connection c, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_replication_slots")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("capture created no replication slot within " + timeout);
    }

    private static <T> T awaitValue(String what, Supplier<T> value, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1000);
        }
    }

    private static void await(String what, BooleanSupplier done, Duration timeout, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + state.get());
            }
            Thread.sleep(1000);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
