package io.driftwatch.app;

import io.driftwatch.engine.api.PipelineClients;

import io.driftwatch.app.conflicts.ConflictsView;
import io.driftwatch.app.conflicts.ConflictsViewModel;
import io.driftwatch.app.inventory.InventoryView;
import io.driftwatch.app.inventory.InventoryViewModel;
import io.driftwatch.app.lag.LagView;
import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.app.pipeline.PipelineView;
import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.app.regions.RegionsSnapshot;
import io.driftwatch.app.regions.RegionsView;
import io.driftwatch.app.regions.RegionsViewModel;
import io.driftwatch.app.schemas.SchemasView;
import io.driftwatch.app.schemas.SchemasViewModel;
import io.driftwatch.app.conflicts.ConflictSource;
import io.driftwatch.app.services.ConflictMonitor;
import io.driftwatch.app.services.EndpointMonitor;
import io.driftwatch.app.services.LagMonitor;
import io.driftwatch.app.services.PipelineMonitor;
import io.driftwatch.app.services.AttachedMonitor;
import io.driftwatch.app.services.RegionsReader;
import io.driftwatch.app.services.SnapshotMonitor;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.app.shell.ShellView;
import io.driftwatch.app.shell.ShellViewModel;
import io.driftwatch.engine.api.ActivityProbe;
import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.InventoryReader;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.api.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The composition root of the console: builds the services, the view-models and the views, and
 * wires them. In local mode it starts the embedded stack in the background; with {@code --config}
 * it attaches to the endpoints the file names and starts nothing.
 */
public final class DriftwatchApp extends Application {
    /** The engine's readers, as its runtime provides them. */
    private final PipelineClients clients = PipelineClients.load();
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CONFLICTS_REREAD = Duration.ofSeconds(3);
    private static final Duration INVENTORY_REREAD = Duration.ofSeconds(3);
    private static final Duration LAG_HISTORY = Duration.ofMinutes(10);
    private static final Duration ENGINE_ALERTS_REREAD = Duration.ofSeconds(5);
    /** ACLs change rarely; a grant or a revocation shows within this. */
    private static final Duration ACCESS_REREAD = Duration.ofSeconds(30);
    private static final javafx.util.Duration SUBJECTS_REREAD = javafx.util.Duration.seconds(15);
    private static final String ICON = "/io/driftwatch/assets/icons/driftwatch.png";

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw().toArray(String[]::new));
        ShellViewModel shell = new ShellViewModel();
        PipelineViewModel pipeline = new PipelineViewModel();
        pipeline.summaryProperty().addListener((obs, old, now) -> shell.statusProperty().set(now));

        LagViewModel lag = new LagViewModel(options.lagThresholds(), LAG_HISTORY);
        pipeline.summaryProperty().addListener((obs, old, now) -> {
            if (now.startsWith("Starting")) {
                lag.waiting(now);
            } else if (now.startsWith("The local stack failed")) {
                lag.failed(now);
            }
        });
        ExecutorService registryCalls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-registry");
            t.setDaemon(true);
            return t;
        });
        SchemasViewModel schemas = new SchemasViewModel(registryCalls, Platform::runLater);
        // Capture registers a table's subjects with its first change; read the list again now and then.
        Timeline rereadSubjects = new Timeline(new KeyFrame(SUBJECTS_REREAD, e -> schemas.refresh()));
        rereadSubjects.setCycleCount(Animation.INDEFINITE);
        rereadSubjects.play();
        ExecutorService conflictCalls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-conflicts");
            t.setDaemon(true);
            return t;
        });
        ConflictsViewModel conflicts = new ConflictsViewModel(conflictCalls, Platform::runLater, options.operator());
        pipeline.summaryProperty().addListener((obs, old, now) -> {
            if (now.startsWith("Starting")) {
                conflicts.waiting(now);
            } else if (now.startsWith("The local stack failed")) {
                conflicts.failed(now);
            }
        });
        InventoryViewModel inventory = new InventoryViewModel();
        ExecutorService regionMoves = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-region-moves");
            t.setDaemon(true);
            return t;
        });
        RegionsViewModel regions = new RegionsViewModel(regionMoves, Platform::runLater, System::currentTimeMillis);
        pipeline.summaryProperty().addListener((obs, old, now) -> {
            if (now.startsWith("Starting")) {
                inventory.waiting(now);
                regions.waiting(now);
            } else if (now.startsWith("The local stack failed")) {
                inventory.failed(now);
                regions.failed(now);
            }
        });
        if (options.screen().isPresent()) {
            shell.select(options.screen().get());
        }

        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        screens.put(Screen.PIPELINE, new PipelineView(pipeline).root());
        screens.put(Screen.LAG, new LagView(lag).root());
        screens.put(Screen.CONFLICTS, new ConflictsView(conflicts).root());
        screens.put(Screen.INVENTORY, new InventoryView(inventory).root());
        screens.put(Screen.SCHEMAS, new SchemasView(schemas).root());
        screens.put(Screen.REGIONS, new RegionsView(regions).root());

        ShellView view = new ShellView(shell, screens);
        stage.setTitle("Driftwatch");
        icon().ifPresent(stage.getIcons()::add);
        stage.setScene(view.scene(1280, 800));
        stage.show();

        if (options.config().isPresent()) {
            ConfiguredEndpoints configured = ConfiguredEndpoints.read(options.config().get());
            EndpointMonitor attach = new EndpointMonitor(configured, pipeline, Platform::runLater, Duration.ofSeconds(5));
            attach.start();
            // The same readers as for the local pipeline, pointed at the config's servers with its credentials.
            AttachedPipeline attached = null;
            try {
                attached = clients.attach(options.config().get());
            } catch (IllegalArgumentException e) {
                lag.failed(e.getMessage());
                conflicts.failed(e.getMessage());
                schemas.failed(e.getMessage());
                inventory.failed(e.getMessage());
                regions.failed(e.getMessage());
            }
            AttachedPipeline target = attached;
            LagMonitor lagMonitor = target == null ? null : new LagMonitor(e -> clients.lagProbe(e, target.lagSources()), lag,
                    Platform::runLater, PROBE_INTERVAL);
            // Decisions go to the pipeline's engine as commands: it resolves them with its own credentials.
            ConflictMonitor conflictMonitor = target == null ? null : new ConflictMonitor(
                    e -> target.conflictDesk(),
                    desk -> ConflictSource.viaCommands(target, desk, Duration.ofSeconds(60)),
                    conflicts, Platform::runLater, CONFLICTS_REREAD);
            SnapshotMonitor<java.util.List<io.driftwatch.engine.api.EngineAlert>> engineAlerts = target == null ? null
                    : new SnapshotMonitor<>("engine-alerts", firing -> lag.engineAlerts(java.time.Instant.now(), firing),
                            lag::engineAlertsUnavailable, Platform::runLater, ENGINE_ALERTS_REREAD);
            SnapshotMonitor<InventoryReader.Snapshot> inventoryMonitor = target == null || !target.hasViews() ? null
                    : new SnapshotMonitor<>("inventory", inventory::update, inventory::failed, Platform::runLater, INVENTORY_REREAD);
            SnapshotMonitor<RegionsSnapshot> regionsMonitor = target == null ? null
                    : new SnapshotMonitor<>("regions", regions::update, regions::failed, Platform::runLater, PROBE_INTERVAL);
            AttachedMonitor attachedMonitor = target == null ? null : new AttachedMonitor(target, pipeline, Platform::runLater, Duration.ofSeconds(5));
            // Whether this workstation's Kafka user may write the command topic: with read-only credentials the console watches and says why.
            SnapshotMonitor<Optional<String>> access = target == null ? null : new SnapshotMonitor<>("command-access", refusal -> {
                regions.commandsRefused(refusal.orElse(null));
                conflicts.commandsRefused(refusal.orElse(null));
                lag.commandsRefused(refusal.orElse(null));
            }, why -> { }, Platform::runLater, ACCESS_REREAD);
            if (target != null) {
                attachedMonitor.start();
                access.start(() -> () -> target.commandRefusal(Duration.ofSeconds(5)));
                engineAlerts.start(() -> () -> target.engineAlerts(Duration.ofSeconds(5)));
                // Which region processes and each move's figures come from the engine's failover controller (its status
                // reports and the views' database); a move is a command it carries out.
                RegionControl control = target.movesProcessing()
                        ? target.regionControl(options.operator(), "asked from the console's Regions screen")
                        : null;
                regions.connect(control);
                regionsMonitor.start(() -> new RegionsReader(() -> configured.probe(Duration.ofSeconds(2)), Optional.ofNullable(control),
                        clients.replicationProbe(target.endpoints(), target.topicPrefix()), target.endpoints().regionNames()));
                regions.lastMoveProperty().addListener((obs, old, now) -> regionsMonitor.readNow());
                if (inventoryMonitor != null) {
                    StackEndpoints.ClickHouse ch = target.endpoints().clickhouse();
                    inventoryMonitor.start(() -> new InventoryReader(ch.url(), ch.user(), ch.password(), target.viewDatabase())::read);
                } else {
                    inventory.failed("the config has no processing.clickhouse section, so stock and oversells cannot be read");
                }
                // A lost slot is re-snapshotted by the engine that captures the region, with its own credentials.
                lag.connectResnapshots(region -> target.resnapshot(region, options.operator(), "asked from the console's Lag screen",
                        Duration.ofSeconds(60)), regionMoves, Platform::runLater);
                lagMonitor.whenProbed(pipeline::lag);
                if (target.hasViews()) {
                    lagMonitor.start(target.endpoints());
                    conflictMonitor.start(target.endpoints());
                } else {
                    String why = "the config has no processing.clickhouse section, so the views' lag and conflicts cannot be read";
                    lag.failed(why);
                    conflicts.failed(why);
                }
                schemas.connect(clients.schemaRegistry(target.endpoints().registry().url()));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (lagMonitor != null) {
                    attachedMonitor.close();
                    lagMonitor.close();
                    conflictMonitor.close();
                    engineAlerts.close();
                    regionsMonitor.close();
                    access.close();
                }
                if (inventoryMonitor != null) {
                    inventoryMonitor.close();
                }
                registryCalls.shutdownNow();
                conflictCalls.shutdownNow();
                regionMoves.shutdownNow();
                closeQuietly(attach);
            }, "driftwatch-stop"));
        } else {
            PipelineMonitor local = new PipelineMonitor(progress -> LocalPipeline.start(options.stackDir(), options.regions(), 42, progress),
                    e -> clients.activityProbe(e, LagSources.forPipeline(LocalPipeline.PREFIX)), options.rate(), options.duration().orElse(Duration.ofDays(365)), pipeline, Platform::runLater, Duration.ofSeconds(2));
            LagMonitor lagMonitor = new LagMonitor(e -> clients.lagProbe(e, LagSources.forPipeline(LocalPipeline.PREFIX)), lag,
                    Platform::runLater, PROBE_INTERVAL);
            ConflictMonitor conflictMonitor = new ConflictMonitor(e -> ConflictDesk.forLocalStack(e, LocalPipeline.PREFIX), conflicts,
                    Platform::runLater, CONFLICTS_REREAD);
            lagMonitor.whenProbed(pipeline::lag);
            // The demo's engine is ./driftwatch run --config, as on a server: its alert rules fire on its status topic.
            SnapshotMonitor<java.util.List<io.driftwatch.engine.api.EngineAlert>> engineAlerts = new SnapshotMonitor<>("engine-alerts",
                    firing -> lag.engineAlerts(java.time.Instant.now(), firing), lag::engineAlertsUnavailable, Platform::runLater,
                    ENGINE_ALERTS_REREAD);
            SnapshotMonitor<InventoryReader.Snapshot> inventoryMonitor = new SnapshotMonitor<>("inventory", inventory::update,
                    inventory::failed, Platform::runLater, INVENTORY_REREAD);
            SnapshotMonitor<RegionsSnapshot> regionsMonitor = new SnapshotMonitor<>("regions", regions::update, regions::failed,
                    Platform::runLater, PROBE_INTERVAL);
            local.whenStarted(e -> inventoryMonitor.start(() -> InventoryReader.forLocalStack(e, LocalPipeline.PREFIX)::read));
            local.whenRunning(running -> {
                engineAlerts.start(() -> () -> running.attached().engineAlerts(Duration.ofSeconds(5)));
                Optional<RegionControl> control = running.regionControl();
                Platform.runLater(() -> regions.connect(control.orElse(null)));
                regionsMonitor.start(() -> new RegionsReader(() -> running.status().servers(), control,
                        clients.replicationProbe(running.endpoints(), LocalPipeline.PREFIX), running.endpoints().regionNames()));
            });
            // A move changes the active region and adds figures: show them without waiting for the next reading.
            regions.lastMoveProperty().addListener((obs, old, now) -> regionsMonitor.readNow());
            local.whenStarted(lagMonitor::start);
            local.whenStarted(conflictMonitor::start);
            local.whenStarted(e -> Platform.runLater(() -> schemas.connect(clients.schemaRegistry(e.registry().url()))));
            local.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                lagMonitor.close();
                conflictMonitor.close();
                inventoryMonitor.close();
                regionsMonitor.close();
                engineAlerts.close();
                registryCalls.shutdownNow();
                conflictCalls.shutdownNow();
                regionMoves.shutdownNow();
                local.close();
            }, "driftwatch-stop"));
        }
        options.duration().ifPresent(d -> after(d, () -> Platform.runLater(Platform::exit)));
        options.screenshot().ifPresent(file -> after(options.screenshotAfter(), () -> Platform.runLater(() -> {
            // The status line goes with the picture, so a script can tell what the screen showed.
            System.err.println("status when the screenshot was taken: " + shell.statusProperty().get());
            new WindowSnapshot(stage.getScene()).writeInBackground(file);
        })));
    }

    private static Optional<Image> icon() {
        try (InputStream in = DriftwatchApp.class.getResourceAsStream(ICON)) {
            return in == null ? Optional.empty() : Optional.of(new Image(in));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("stopping: " + e.getMessage());
        }
    }

    private static void after(Duration delay, Runnable action) {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            action.run();
        }, "driftwatch-timer");
        timer.setDaemon(true);
        timer.start();
    }

    @Override
    public void stop() {
        // Nothing blocking on the FX thread: the shutdown hook installed in start() stops the
        // servers once the JVM exits, also on Ctrl-C.
    }
}
