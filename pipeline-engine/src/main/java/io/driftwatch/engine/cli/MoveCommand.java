package io.driftwatch.engine.cli;

import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.service.CommandedRegions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code driftwatch failover|failback --config FILE}: the console's Regions actions from a
 * terminal — a command to the pipeline's failover controller, answered once the views advance
 * again in the new region, with the move's figures.
 */
final class MoveCommand {
    private MoveCommand() {}

    /** What both commands share: the pipeline, who asks and why, and the confirmation. */
    abstract static class Move implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConflictsCommand.ConfigOption config;

        @Option(names = "--operator", description = "Who moves processing, for the engine's log (default: the user name).")
        String operator = System.getProperty("user.name", "operator");

        @Option(names = "--reason", defaultValue = "asked from the command line", description = "Why (default: ${DEFAULT-VALUE}).")
        String reason;

        @Option(names = "--yes", description = "Do it without asking (for scripts).")
        boolean yes;

        abstract boolean failback();

        abstract String region();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            io.driftwatch.engine.service.ConfiguredPipeline pipeline = io.driftwatch.engine.service.ConfiguredPipeline.read(config.config);
            CommandedRegions regions = new CommandedRegions(pipeline, operator, reason);
            String active = regions.activeRegion();
            String to = failback() ? regions.primaryRegion() : region() != null ? region()
                    : regions.regions().stream().filter(r -> !r.equals(active)).reduce((a, b) -> a + " or " + b).orElse(active);
            out.println("processing runs in " + active + "; " + (failback() ? "fail back" : "fail over") + " to " + to
                    + ": the job restarts there from its newest checkpoint");
            if (!yes && !confirmed(out)) {
                out.println("nothing done");
                return 1;
            }
            out.println("waiting for the engine (up to " + CommandedRegions.MOVE_TIMEOUT.toMinutes() + " min: it answers once the views advance again)");
            out.flush();
            FailoverFigures f;
            try {
                f = failback() ? regions.failback() : regions.failover(region());
            } catch (IllegalStateException refused) {
                out.println("refused: " + refused.getMessage());
                return 1;
            }
            out.println(f.kind() + " from " + f.from() + " to " + f.to() + ": views advancing again after "
                    + (f.rtoMillis() < 0 ? "(not within 2 min)" : f.rtoMillis() + " ms") + ", partitions placed " + f.placements()
                    + (f.incompleteCopies() == null ? "" : "; copies incomplete at the move: " + f.incompleteCopies()));
            return 0;
        }

        private boolean confirmed(PrintWriter out) {
            java.io.Console console = System.console();
            if (console == null) {
                out.println("not a terminal: pass --yes to confirm");
                return false;
            }
            String answer = console.readLine("move processing? [y/N] ");
            return answer != null && answer.trim().equalsIgnoreCase("y");
        }
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = "Move processing to another region (the pipeline's failover controller in run --config does it).")
    static final class Failover extends Move {
        @Option(names = "--to", paramLabel = "REGION", description = "The region to move to (default: the other one, with two regions).")
        String to;

        @Override
        boolean failback() {
            return false;
        }

        @Override
        String region() {
            return to;
        }
    }

    @Command(name = "failback", mixinStandardHelpOptions = true,
            description = "Move processing back to the primary region, once its Kafka answers again.")
    static final class Failback extends Move {
        @Override
        boolean failback() {
            return true;
        }

        @Override
        String region() {
            return null;
        }
    }
}
