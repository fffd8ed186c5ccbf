package io.driftwatch.engine.cli;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.verify.ViewVerifier;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch verify}: every captured table in PostgreSQL against its consistent view. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare every captured table in PostgreSQL with its consistent view in ClickHouse (row count and an "
                + "order-independent checksum over all columns); exit 0 only when all match.")
final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--local", required = true, description = "Verify the running local stack (the only mode for now).")
    boolean local;

    @picocli.CommandLine.Mixin
    LocalStackOption stack;

    @Option(names = "--topic-prefix", defaultValue = "globalmart", description = "The pipeline's topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--region", description = "The region whose PostgreSQL is the source of truth (default: the primary).")
    String region;

    @Override
    public Integer call() throws Exception {
        StackEndpoints e = stack.endpoints();
        if (region == null && topicPrefix.equals(io.driftwatch.engine.demo.LocalPipeline.PREFIX)
                && java.nio.file.Files.isRegularFile(stack.resolve().resolve(io.driftwatch.engine.demo.LocalPipeline.CONFIG_FILE))) {
            return verifyDemo(e);
        }
        String source = region != null ? region : e.regionNames().get(0);
        StackEndpoints.Postgres pg = e.region(source).postgres();
        ViewVerifier verifier = new ViewVerifier(new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password()),
                io.driftwatch.engine.naming.PipelineNames.viewsDatabase(topicPrefix));
        List<ViewVerifier.Result> results = new ArrayList<>();
        try (Connection c = PostgresConnections.open(pg, "driftwatch-verify")) {
            for (String table : capturedTables(c)) {
                results.add(verifier.verify(c, "public", table));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %-40s %10s %10s  %s%n", "source table", "view", "rows", "view rows", "result");
        for (ViewVerifier.Result r : results) {
            out.printf("%-32s %-40s %10d %10d  %s%n", r.table(), r.view(), r.source().rows(), r.view_().rows(),
                    r.matches() ? "match" : r.problem() != null ? r.problem() : "DIFFERENT (checksum)");
        }
        boolean all = results.stream().allMatch(ViewVerifier.Result::matches);
        out.println(all ? "verify: all " + results.size() + " table(s) match" : "verify: MISMATCH");
        out.flush();
        return all ? 0 : 1;
    }

    /** The demo's pipeline, as the demo verifies it: every region, merged tables by key, the sellable stock as a merged counter. */
    private int verifyDemo(StackEndpoints e) throws Exception {
        List<java.util.function.Supplier<Connection>> connections = new ArrayList<>();
        for (String name : e.regionNames()) {
            StackEndpoints.Postgres pg = e.region(name).postgres();
            connections.add(() -> {
                try {
                    return PostgresConnections.open(pg, "driftwatch-verify");
                } catch (java.sql.SQLException failed) {
                    throw new IllegalStateException("cannot connect to " + name + "'s PostgreSQL: " + failed.getMessage(), failed);
                }
            });
        }
        io.driftwatch.engine.api.VerifyReport report = io.driftwatch.engine.demo.LocalPipeline.verifier(
                new ClickHouseHttp(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password()), e.regionNames().size()).verify(connections);
        PrintWriter out = spec.commandLine().getOut();
        out.println("the demo's pipeline (" + String.join(", ", e.regionNames()) + ")");
        out.printf("%-40s %-40s %10s %10s  %s%n", "source table", "view", "rows", "view rows", "result");
        for (io.driftwatch.engine.api.VerifyReport.Table t : report.tables()) {
            out.printf("%-40s %-40s %10d %10d  %s%n", t.source(), t.view(), t.sourceRows(), t.viewRows(),
                    t.matches() ? "match" : t.problem() != null ? t.problem() : "DIFFERENT (checksum)");
        }
        out.println(report.allMatch() ? "verify: all " + report.tables().size() + " table(s) match" : "verify: MISMATCH");
        out.flush();
        return report.allMatch() ? 0 : 1;
    }

    static List<String> capturedTables(Connection c) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'driftwatch_heartbeat' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
