package io.driftwatch.engine.tools;

import io.driftwatch.engine.cli.DriftwatchCli;
import picocli.CommandLine;

/**
 * The engine's command line with the development commands added ({@code bench}): what
 * {@code ./driftwatch} runs in a checkout. The installed app carries the engine's command line
 * without them.
 */
public final class ToolsCli {
    private ToolsCli() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The engine's configured command line plus {@code bench}; also used by tests. */
    public static CommandLine commandLine() {
        return DriftwatchCli.commandLine().addSubcommand(new BenchCommand());
    }
}
