package io.driftwatch.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.service.PipelineEndpoints;
import io.driftwatch.engine.service.PipelineReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch status --config FILE [--json]}: the pipeline's state, read from its own systems. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print the state of a pipeline running anywhere: the engine's own reports (status topic), replication slots,"
                + " consumer lag, commit→visible, open conflicts and schema subjects, read with the config's credentials.",
                "Exit status 0 when healthy, 1 when something is wrong (each fault is printed)."})
final class StatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The pipeline's YAML configuration (docs/CONFIG.md).")
    Path config;

    @Option(names = "--json", description = "Print one JSON document (fields: docs/CONFIG.md, \"driftwatch status\").")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        io.driftwatch.engine.logging.TerminalLog.route(io.driftwatch.engine.stack.StackConfig.defaultDir().resolveSibling("status.log"), false);
        PipelineConfig pipeline = new ConfigLoader().load(config);
        PipelineReport report = PipelineReport.read(PipelineEndpoints.forConsole(pipeline), pipeline.capture().topicPrefix(),
                PipelineEndpoints.viewDatabase(pipeline), Clock.systemUTC());
        List<String> faults = report.faults();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            var node = mapper.valueToTree(report);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("faults", mapper.valueToTree(faults));
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("healthy", faults.isEmpty());
            out.println(mapper.writeValueAsString(node));
        } else {
            print(out, report, faults);
        }
        out.flush();
        return faults.isEmpty() ? 0 : 1;
    }

    private static void print(PrintWriter out, PipelineReport r, List<String> faults) {
        out.println("pipeline " + r.pipeline() + ", read at " + Instant.ofEpochMilli(r.readAtMs()));
        for (PipelineReport.Engine e : r.engines()) {
            EngineStatus s = e.status();
            out.printf("engine %s (driftwatch %s): reported %.1f s ago%s%n", s.engine(), s.driftwatchVersion(), e.ageMillis() / 1000.0,
                    e.stale() ? " — STALE" : "");
            for (EngineStatus.RegionCapture c : s.regions()) {
                out.println("  " + c.region() + " capture " + c.state() + ": " + c.records() + " change(s)"
                        + (c.restarts() > 0 ? ", " + c.restarts() + " restart(s)" : "") + (c.lastError() != null ? ", last error: " + c.lastError() : ""));
            }
            if (s.job() != null && !"NONE".equals(s.job().state())) {
                out.println("  job " + s.job().state() + " (visibility " + s.job().visibility() + "), Flink REST " + s.job().restUrl()
                        + ", checkpoints " + s.job().checkpointDir());
                EngineStatus.Checkpoints c = s.job().checkpoints();
                if (c != null) {
                    out.println("  checkpoints: " + c.completed() + " completed, " + c.failed() + " failed"
                            + (c.lastCompletedMs() < 0 ? ", none yet" : String.format(", newest %.1f s before this report (took %d ms)",
                            Math.max(0, s.heartbeatMs() - c.lastCompletedMs()) / 1000.0, c.lastDurationMs()))
                            + (c.restarts() > 0 ? "; job restarts: " + c.restarts() : ""));
                }
            }
            if (s.activeRegion() != null) {
                EngineStatus.Controller c = s.failover();
                out.println("  active region " + s.activeRegion() + (c == null ? "" : " (primary " + c.primary() + "; "
                        + (c.detectionTimeoutMs() == 0 ? "moves on a command only" : "moves after " + c.detectionTimeoutMs() + " ms without its Kafka")
                        + (c.movingSinceMs() >= 0 ? String.format("; MOVING for %.1f s", Math.max(0, s.heartbeatMs() - c.movingSinceMs()) / 1000.0) : "")
                        + (c.moves() >= 0 ? "; " + c.moves() + " move(s) recorded" : "") + ")"));
            }
            if (s.sqlGateway() != null) {
                out.println("  SQL gateway " + s.sqlGateway());
            }
            for (EngineStatus.Alert a : s.alerts()) {
                out.println("  ALERT " + a.rule() + " since " + Instant.ofEpochMilli(a.sinceMs()) + ": " + a.summary());
            }
        }
        for (LagSnapshot.SlotLag slot : r.slots()) {
            out.println("slot " + slot.region() + " " + slot.slot() + ": " + (slot.active() ? "active" : "inactive") + ", "
                    + io.driftwatch.engine.api.ByteSize.human(slot.lagBytes()) + " behind, WAL " + slot.walStatus()
                    + (slot.safeWalBytes() >= 0 ? ", " + io.driftwatch.engine.api.ByteSize.human(slot.safeWalBytes()) + " until at risk"
                    : " (max_slot_wal_keep_size unlimited)"));
        }
        for (LagSnapshot.PartitionLag p : r.partitions()) {
            out.println("kafka " + p.region() + " " + p.topic() + "[" + p.partition() + "]: lag " + p.lag()
                    + (p.lag() > 0 && p.lagMillis() >= 0 ? String.format(" (oldest %.1f s)", p.lagMillis() / 1000.0) : "")
                    + " (end " + p.endOffset() + ", committed " + p.committedOffset() + ")");
        }
        r.deadLetters().forEach((region, n) -> out.println("dead letters in " + region + ": " + n));
        for (PipelineReport.Mirror m : r.mirror()) {
            out.printf("mirror %s → %s: %s, %d record(s) / %.1f s behind%n", m.from(), m.to(), m.condition().replace('_', ' '), m.behindRecords(),
                    m.behindMillis() / 1000.0);
        }
        for (LagSnapshot.VisibilityLag v : r.visibility()) {
            out.println("visible " + v.region() + ": " + (v.caughtUp() ? "caught up" : v.lagMillis() + " ms behind"));
        }
        if (r.commitToVisible() != null) {
            PipelineReport.Latency l = r.commitToVisible();
            out.println("commit→visible (last minute): " + l.transactions() + " transaction(s)"
                    + (l.p50Millis() == null ? "" : String.format(", p50 %.0f ms, p99 %.0f ms", l.p50Millis(), l.p99Millis())));
        }
        if (r.conflicts() != null) {
            out.println("conflicts: " + r.conflicts().open() + " open, " + r.conflicts().oversells() + " oversell(s)");
        }
        out.println("subjects: " + (r.subjects().isEmpty() ? "none" : String.join(", ", r.subjects())));
        faults.forEach(f -> out.println("FAULT " + f));
        out.println(faults.isEmpty() ? "healthy" : faults.size() + " fault(s)");
    }
}
