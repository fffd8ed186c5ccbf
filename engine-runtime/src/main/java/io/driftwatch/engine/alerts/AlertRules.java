package io.driftwatch.engine.alerts;

import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.service.PipelineReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert rules and what each looks at in a reading of the pipeline ({@link PipelineReport}).
 * Pure.
 */
public final class AlertRules {
    /** Every rule with its default threshold and duration (docs/CONFIG.md, "alerts"). */
    public static final Map<String, Rule> DEFAULTS = defaults();

    private AlertRules() {}

    private static Map<String, Rule> defaults() {
        Map<String, Rule> d = new LinkedHashMap<>();
        put(d, "slot_retained_bytes", 1L << 30, Duration.ofMinutes(5));
        put(d, "slot_wal_at_risk", 0, Duration.ZERO);
        put(d, "slot_inactive", 0, Duration.ofMinutes(5));
        put(d, "consumer_lag_records", 10_000, Duration.ofMinutes(5));
        put(d, "consumer_lag_seconds", 120, Duration.ofMinutes(2));
        put(d, "visibility_lag_seconds", 60, Duration.ofMinutes(2));
        put(d, "commit_to_visible_p99_seconds", 5, Duration.ofMinutes(5));
        put(d, "capture_not_running", 0, Duration.ofMinutes(1));
        put(d, "job_not_running", 0, Duration.ofMinutes(1));
        put(d, "checkpoint_age_seconds", 300, Duration.ofMinutes(1));
        put(d, "engine_silent", 0, Duration.ofMinutes(1));
        put(d, "oversells_open", 0, Duration.ZERO);
        put(d, "conflicts_open", 50, Duration.ofMinutes(10));
        put(d, "conflict_age_seconds", 3600, Duration.ZERO);
        return java.util.Collections.unmodifiableMap(d);
    }

    private static void put(Map<String, Rule> rules, String name, double above, Duration forAtLeast) {
        rules.put(name, new Rule(name, above, forAtLeast));
    }

    /** Every rule's verdict on every subject it looks at in {@code report}. */
    public static List<Condition> evaluate(PipelineReport report, Map<String, Rule> rules) {
        List<Condition> out = new ArrayList<>();
        for (LagSnapshot.SlotLag s : report.slots()) {
            String subject = s.region() + "/" + s.slot();
            threshold(out, rules, "slot_retained_bytes", subject, s.lagBytes(), "replication slot " + s.slot() + " in " + s.region()
                    + " retains " + io.driftwatch.engine.api.ByteSize.human(s.lagBytes()) + " of WAL");
            flag(out, rules, "slot_wal_at_risk", subject, !s.walSafe(), "replication slot " + s.slot() + " in " + s.region()
                    + " has WAL status " + s.walStatus());
            flag(out, rules, "slot_inactive", subject, !s.active(), "replication slot " + s.slot() + " in " + s.region() + " has no reader");
        }
        for (LagSnapshot.PartitionLag p : report.partitions()) {
            threshold(out, rules, "consumer_lag_records", p.region() + "/" + p.topic() + "/" + p.partition(), p.lag(),
                    "the job is " + p.lag() + " records behind on " + p.topic() + "[" + p.partition() + "] in " + p.region());
            if (p.lagMillis() >= 0) {
                threshold(out, rules, "consumer_lag_seconds", p.region() + "/" + p.topic() + "/" + p.partition(), p.lagMillis() / 1000.0,
                        "the oldest record the job has not committed on " + p.topic() + "[" + p.partition() + "] in " + p.region()
                                + " is " + p.lagMillis() / 1000 + " s old");
            }
        }
        for (LagSnapshot.VisibilityLag v : report.visibility()) {
            threshold(out, rules, "visibility_lag_seconds", v.region(), v.lagMillis() / 1000.0, "views are "
                    + v.lagMillis() / 1000 + " s behind " + v.region() + "'s commits");
        }
        if (report.commitToVisible() != null && report.commitToVisible().p99Millis() != null) {
            double p99 = report.commitToVisible().p99Millis() / 1000.0;
            threshold(out, rules, "commit_to_visible_p99_seconds", "views", p99, String.format("commit→visible p99 is %.1f s", p99));
        }
        for (PipelineReport.Engine e : report.engines()) {
            EngineStatus s = e.status();
            flag(out, rules, "engine_silent", s.engine(), e.stale(), "engine " + s.engine() + " last reported " + e.ageMillis() / 1000 + " s ago");
            if (e.stale()) {
                continue;
            }
            for (EngineStatus.RegionCapture c : s.regions()) {
                flag(out, rules, "capture_not_running", c.region(), !"running".equals(c.state()), "capture of " + c.region() + " is "
                        + c.state() + (c.lastError() == null ? "" : ": " + c.lastError()));
            }
            String job = s.job() == null ? "NONE" : s.job().state();
            flag(out, rules, "job_not_running", s.engine(), !job.equals("NONE") && !job.equals("RUNNING"), "the job of " + s.engine() + " is " + job);
            EngineStatus.Checkpoints c = s.job() == null ? null : s.job().checkpoints();
            if (c != null && c.lastCompletedMs() >= 0) {
                // Measured at the engine's own report, so a late reading does not age it.
                double age = c.ageSeconds(s.heartbeatMs());
                threshold(out, rules, "checkpoint_age_seconds", s.engine(), age, String.format("the job of %s last completed a checkpoint %.0f s ago "
                        + "(%d failed since it started)", s.engine(), age, c.failed()));
            }
        }
        if (report.conflicts() != null) {
            threshold(out, rules, "oversells_open", "views", report.conflicts().oversells(), report.conflicts().oversells() + " oversell(s) open");
            threshold(out, rules, "conflicts_open", "views", report.conflicts().open(), report.conflicts().open() + " conflict(s) open");
            double age = report.conflicts().oldestAgeSeconds(report.readAtMs());
            threshold(out, rules, "conflict_age_seconds", "views", age, String.format("the oldest open conflict has waited %.0f min for an operator",
                    age / 60));
        }
        return out;
    }

    private static void threshold(List<Condition> out, Map<String, Rule> rules, String name, String subject, double value, String summary) {
        Rule rule = rules.get(name);
        if (rule != null) {
            out.add(new Condition(name, subject, value > rule.above(), value, summary));
        }
    }

    private static void flag(List<Condition> out, Map<String, Rule> rules, String name, String subject, boolean holds, String summary) {
        if (rules.containsKey(name)) {
            out.add(new Condition(name, subject, holds, holds ? 1 : 0, summary));
        }
    }
}
