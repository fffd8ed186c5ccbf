package io.driftwatch.app;

import io.driftwatch.app.common.UnavailableView;
import io.driftwatch.app.pipeline.PipelineView;
import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.app.services.EndpointMonitor;
import io.driftwatch.app.services.PipelineMonitor;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.app.shell.ShellView;
import io.driftwatch.app.shell.ShellViewModel;
import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.LocalPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
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
    private static final String ICON = "/io/driftwatch/assets/icons/driftwatch.png";

    private AutoCloseable monitor;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw().toArray(String[]::new));
        ShellViewModel shell = new ShellViewModel();
        PipelineViewModel pipeline = new PipelineViewModel();
        pipeline.summaryProperty().addListener((obs, old, now) -> shell.statusProperty().set(now));

        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        screens.put(Screen.PIPELINE, new PipelineView(pipeline).root());
        screens.put(Screen.LAG, UnavailableView.of(Screen.LAG, "lag per stage and partition is not read from Kafka and Flink yet."));
        screens.put(Screen.CONFLICTS, UnavailableView.of(Screen.CONFLICTS, "the two-region merge does not run in the pipeline yet, so no conflicts are recorded."));
        screens.put(Screen.INVENTORY, UnavailableView.of(Screen.INVENTORY, "stock by region needs the two-region merge; only one region is processed yet."));
        screens.put(Screen.SCHEMAS, UnavailableView.of(Screen.SCHEMAS, "the registry is not read by the console yet."));
        screens.put(Screen.REGIONS, UnavailableView.of(Screen.REGIONS, "MirrorMaker 2 is not running, so there is no replication or failover state."));

        ShellView view = new ShellView(shell, screens);
        stage.setTitle("Driftwatch");
        icon().ifPresent(stage.getIcons()::add);
        stage.setScene(view.scene(1280, 800));
        stage.show();

        if (options.config().isPresent()) {
            EndpointMonitor attach = new EndpointMonitor(ConfiguredEndpoints.read(options.config().get()), pipeline,
                    Platform::runLater, Duration.ofSeconds(5));
            attach.start();
            monitor = attach;
        } else {
            PipelineMonitor local = new PipelineMonitor(progress -> LocalPipeline.start(options.stackDir(), options.regions(), 42, progress),
                    options.rate(), options.duration().orElse(Duration.ofDays(365)), pipeline, Platform::runLater, Duration.ofSeconds(2));
            local.start();
            monitor = local;
        }
        AutoCloseable started = monitor;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "driftwatch-stop"));
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
