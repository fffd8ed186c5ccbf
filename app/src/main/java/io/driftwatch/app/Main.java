package io.driftwatch.app;

import io.driftwatch.engine.api.ConfiguredEndpoints;
import javafx.application.Application;

/**
 * Starts the console. A main class that does not extend {@link Application} lets JavaFX run
 * from the class path, which is how the launcher and the packaged app start it.
 *
 * <p>{@code demo --headless} runs without a window and prints status lines instead. A mistake in
 * the options or in the {@code --config} file is reported in one line (exit code 2) before any
 * window opens.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(args);
            options.config().ifPresent(ConfiguredEndpoints::read);
        } catch (IllegalArgumentException e) {
            System.err.println("driftwatch: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ConsoleOptions.USAGE);
            return;
        }
        if (options.headless()) {
            System.exit(new HeadlessDemo(options, System.out).run());
        }
        Application.launch(DriftwatchApp.class, args);
        // The window is closed (or --duration passed): the servers' client threads would keep the
        // JVM alive; exiting runs the shutdown hook that stops the pipeline and its servers.
        System.exit(0);
    }
}
