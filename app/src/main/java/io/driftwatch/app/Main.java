package io.driftwatch.app;

import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.stack.LocalStacks;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the console. A main class that does not extend {@link Application} lets JavaFX run
 * from the class path, which is how the launcher and the packaged app start it.
 *
 * <p>{@code demo --headless} runs without a window and prints status lines instead. A mistake in
 * the options or in the {@code --config} file is reported in one line (exit code 2) before any
 * window opens.
 *
 * <p>The terminal shows Driftwatch's own lines; every library's log goes to a file in the stack
 * directory ({@code --verbose} shows them here too).
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
        if (options.fresh()) {
            try {
                LocalStacks.wipe(options.stackDir(), System.out::println);
            } catch (IOException | RuntimeException e) {
                System.err.println("driftwatch: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        Path logFile = LocalStacks.routeLogs(options.config().isPresent()
                ? LocalStacks.defaultDir().resolveSibling("console.log")
                : options.stackDir().resolve(LocalStacks.LOG_FILE), options.verbose());
        System.out.println("log: " + logFile + (options.verbose() ? "" : " (--verbose shows the libraries' lines here too)"));
        if (options.headless()) {
            System.exit(new HeadlessDemo(options, System.out).run());
        }
        Application.launch(DriftwatchApp.class, args);
        // The window is closed (or --duration passed): the servers' client threads would keep the
        // JVM alive; exiting runs the shutdown hook that stops the pipeline and its servers.
        System.exit(0);
    }
}
