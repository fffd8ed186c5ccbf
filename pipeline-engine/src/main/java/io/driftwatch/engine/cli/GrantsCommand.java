package io.driftwatch.engine.cli;

import io.driftwatch.engine.access.ConsoleGrants;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.service.PipelineEndpoints;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch grants --config FILE}: what an operator grants the users of the config's
 * {@code console} section, as commands and statements to run; it changes nothing itself.
 */
@Command(name = "grants", mixinStandardHelpOptions = true,
        description = "Print the Kafka ACLs, PostgreSQL grants and ClickHouse user settings the console's least-privilege users need "
                + "(the config's 'console' section); nothing is changed.")
final class GrantsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The pipeline's YAML configuration (docs/CONFIG.md).")
    Path config;

    @Option(names = "--read-only", description = "Without the write on the command topic: a console that watches and cannot act.")
    boolean readOnly;

    @Override
    public Integer call() {
        PipelineConfig pipeline = new ConfigLoader().load(config);
        PipelineConfig.ConsoleConfig console = pipeline.console();
        String kafkaUser = console != null && console.kafka() != null ? console.kafka().username() : "CONSOLE_USER";
        String pgUser = console != null && console.postgres() != null ? console.postgres().user() : "CONSOLE_ROLE";
        String chUser = console != null && console.clickhouse() != null ? console.clickhouse().user() : "CONSOLE_USER";
        String prefix = pipeline.capture().topicPrefix();
        List<String> regions = pipeline.regions().stream().map(PipelineConfig.RegionConfig::name).toList();
        PrintWriter out = spec.commandLine().getOut();
        for (PipelineConfig.RegionConfig region : pipeline.regions()) {
            out.println("# Kafka of " + region.name() + " (" + region.kafka().bootstrapServers() + "): ACLs of " + kafkaUser);
            var acls = readOnly ? ConsoleGrants.kafkaReadOnly(kafkaUser, prefix, region.name(), regions)
                    : ConsoleGrants.kafka(kafkaUser, prefix, region.name(), regions);
            ConsoleGrants.kafkaAclCommands(acls).forEach(out::println);
            out.println();
            out.println("# PostgreSQL of " + region.name() + " (" + region.postgres().host() + "): a monitoring role that reads statistics and slots");
            out.println("CREATE ROLE " + pgUser + " LOGIN PASSWORD '…';");
            ConsoleGrants.postgres(pgUser, region.postgres().database()).forEach(s -> out.println(s + ";"));
            out.println();
        }
        if (pipeline.processing() != null && pipeline.processing().clickhouse() != null) {
            out.println("# ClickHouse: a user that reads the views (users.xml; readonly 2 allows per-query settings, never writes)");
            out.println("<" + chUser + "><password_sha256_hex>…</password_sha256_hex><profile>readonly_console</profile>"
                    + "<allow_databases><database>" + PipelineEndpoints.viewDatabase(pipeline) + "</database><database>system</database>"
                    + "</allow_databases></" + chUser + ">");
            out.println("<readonly_console><readonly>2</readonly></readonly_console>   <!-- under <profiles> -->");
        }
        out.flush();
        return 0;
    }
}
