package io.driftwatch.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.service.CommandTopic;
import io.driftwatch.engine.service.PipelineEndpoints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch conflicts list|resolve --config FILE}: what the Conflicts screen shows and does, from a terminal. */
@Command(name = "conflicts", mixinStandardHelpOptions = true, description = "List open conflicts, or resolve one through the engine's command topic.",
        subcommands = {ConflictsCommand.ListOpen.class, ConflictsCommand.Resolve.class})
final class ConflictsCommand {
    private ConflictsCommand() {}

    /** The pipeline a config file names, as the console reaches it. */
    static final class ConfigOption {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The pipeline's YAML configuration (docs/CONFIG.md).")
        Path config;

        PipelineConfig load() {
            return new ConfigLoader().load(config);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the open conflicts, oldest first, with their sides.")
    static final class ListOpen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Option(names = "--json", description = "Print them as a JSON array.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PipelineConfig pipeline = config.load();
            StackEndpoints endpoints = PipelineEndpoints.forConsole(pipeline);
            if (endpoints.clickhouse() == null) {
                throw new IllegalArgumentException("the config has no processing.clickhouse section: conflicts live in the views' database");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (ConflictDesk desk = ConflictDesk.forEndpoints(endpoints, PipelineEndpoints.viewDatabase(pipeline), pipeline.capture().topicPrefix())) {
                List<ConflictDesk.OpenConflict> open = desk.open();
                if (json) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(open));
                } else {
                    for (ConflictDesk.OpenConflict c : open) {
                        out.println(c.id() + "  " + c.kind() + "  " + c.table() + " " + c.key() + " " + c.column() + ": merged " + c.merged());
                        for (int i = 0; i < c.sides().size(); i++) {
                            ConflictDesk.Side s = c.sides().get(i);
                            out.println("    side " + i + ": " + s.region() + " wrote " + s.value() + " having seen " + s.vector());
                        }
                    }
                    out.println(open.size() + " open conflict(s)");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Resolve an open conflict: the command goes to the engine through the command topic; the engine resolves it,"
                    + " records the operator in the audit trail and acknowledges on the status topic.",
                    "Exit status 0 when the engine resolved it, 1 when it refused (the reason is printed), 2 without an answer."})
    static final class Resolve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Option(names = "--id", required = true, description = "The conflict's id (conflicts list).")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Decision decision;

        static final class Decision {
            @Option(names = "--keep-side", paramLabel = "N", description = "Keep side N (0-based, as listed).")
            Integer keepSide;

            @Option(names = "--value", paramLabel = "VALUE", description = "Take this value (JSON such as 6.50, or text).")
            String value;

            @Option(names = "--accept-merge", description = "Keep what the automatic merge made of it.")
            boolean acceptMerge;
        }

        @Option(names = "--operator", description = "Who decides, for the audit trail (default: the user name).")
        String operator = System.getProperty("user.name");

        @Option(names = "--reason", required = true, description = "Why, for the audit trail.")
        String reason;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "How long to wait for the engine's answer.")
        int timeout;

        @Override
        public Integer call() throws Exception {
            PipelineConfig pipeline = config.load();
            StackEndpoints endpoints = PipelineEndpoints.forConsole(pipeline);
            String prefix = pipeline.capture().topicPrefix();
            io.driftwatch.engine.service.Command command = new io.driftwatch.engine.service.Command.ResolveConflict(UUID.randomUUID().toString(),
                    operator, System.currentTimeMillis(), id, decision.keepSide, decision.value, decision.acceptMerge, reason);
            PrintWriter out = spec.commandLine().getOut();
            String region = CommandTopic.send(endpoints, prefix, command);
            out.println("command " + command.id() + " sent to " + CommandTopic.name(prefix) + " in " + region + "; waiting for the engine");
            out.flush();
            Optional<io.driftwatch.engine.service.Command.Ack> ack = CommandTopic.awaitAck(endpoints, prefix, command.id(), Duration.ofSeconds(timeout));
            if (ack.isEmpty()) {
                out.println("no engine acknowledged the command within " + timeout + " s: is driftwatch run --config running?");
                return 2;
            }
            out.println((ack.get().done() ? "resolved by " : "refused by ") + ack.get().engine() + ": " + ack.get().message());
            return ack.get().done() ? 0 : 1;
        }
    }
}
