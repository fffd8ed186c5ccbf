package io.driftwatch.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The engine's command line. People reach it through the {@code ./driftwatch} launcher, which
 * also installs what is missing and builds the project on first use.
 */
@Command(name = "driftwatch", mixinStandardHelpOptions = true, version = "driftwatch 0.1.0",
        description = "Operate change-data-capture pipelines: the local stack, the pipeline, its views.",
        subcommands = {StackCommand.class, RunCommand.class, StatusCommand.class, CaptureCommand.class, ConflictsCommand.class, MoveCommand.Failover.class, MoveCommand.Failback.class, ViewsCommand.class, GrantsCommand.class, VerifyCommand.class, SchemaCommand.class, JobCommand.class, CommandLine.HelpCommand.class})
public final class DriftwatchCli {

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        System.exit(exit);
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DriftwatchCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
