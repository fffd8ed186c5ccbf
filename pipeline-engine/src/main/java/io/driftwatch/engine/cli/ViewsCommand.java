package io.driftwatch.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.StackManifest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch views}: each captured table and the consistent view readers should query. */
@Command(name = "views", mixinStandardHelpOptions = true,
        description = "List each captured source table with the ClickHouse database and name of its consistent view.")
final class ViewsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin
    LocalStackOption stack;

    @Option(names = "--topic-prefix", defaultValue = "globalmart", description = "The pipeline's topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A pipeline's YAML configuration (docs/CONFIG.md): list its views, read with its ClickHouse credentials, instead of a local stack's.")
    java.nio.file.Path config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        StackEndpoints e;
        String database;
        if (config != null) {
            io.driftwatch.engine.config.PipelineConfig pipeline = new io.driftwatch.engine.config.ConfigLoader().load(config);
            e = io.driftwatch.engine.service.PipelineEndpoints.forConsole(pipeline);
            if (e.clickhouse() == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), config + " has no processing.clickhouse section: no views to list");
            }
            database = io.driftwatch.engine.service.PipelineEndpoints.viewDatabase(pipeline);
        } else {
            e = stack.endpoints();
            database = "dw_" + topicPrefix;
        }
        List<JsonNode> views = new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password())
                .query("SELECT name FROM system.tables WHERE database = '" + database + "' AND engine = 'View' ORDER BY name");
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode view : views) {
            String name = view.get("name").asText();
            String source = name.contains("__") ? name.replaceFirst("__", ".") : "public." + name;
            rows.add(Map.of("source", source, "database", database, "view", name));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(StackManifest.toJson(rows));
        } else {
            out.printf("%-40s %s%n", "source table", "consistent view");
            rows.forEach(r -> out.printf("%-40s %s.%s%n", r.get("source"), r.get("database"), r.get("view")));
        }
        out.flush();
        return 0;
    }
}
