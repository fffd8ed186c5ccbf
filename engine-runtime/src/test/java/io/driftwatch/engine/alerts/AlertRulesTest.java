package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.service.PipelineReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    @Test
    void eachRuleLooksAtItsFigureAgainstItsThreshold() {
        EngineStatus engine = new EngineStatus(1, "etl-1/42", "globalmart", "0.1.0", 0, 0, 5_000,
                List.of(new EngineStatus.RegionCapture("us-east-1", "running", 10, 0, null),
                        new EngineStatus.RegionCapture("eu-west-1", "retrying", 10, 3, "connection refused")),
                new EngineStatus.Job("RUNNING", null, null, null, null), null, null);
        PipelineReport report = new PipelineReport("globalmart", 0, List.of(new PipelineReport.Engine(engine, 1_000, false)),
                List.of(new LagSnapshot.SlotLag("us-east-1", "s1", true, 2L << 30, "extended", 1 << 20, 4L << 30),
                        new LagSnapshot.SlotLag("eu-west-1", "s2", false, 10, "lost", -1, 4L << 30)),
                List.of(new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 0, 100, 90, 10),
                        new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 1, 100, 99, 1, 180_000),
                        new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 2, 100, 98, 2)), // age unknown: no condition
                List.of(new LagSnapshot.VisibilityLag("us-east-1", 5, 9, 90_000)),
                new PipelineReport.Latency(100, 120.0, 6_000.0, 9_000.0), new PipelineReport.Conflicts(3, 1), List.of(), List.of());

        List<Condition> conditions = AlertRules.evaluate(report, AlertRules.DEFAULTS);

        assertThat(conditions.stream().filter(Condition::holds).map(c -> c.rule() + " " + c.subject())).containsExactlyInAnyOrder(
                "slot_retained_bytes us-east-1/s1", "slot_wal_at_risk eu-west-1/s2", "slot_inactive eu-west-1/s2",
                "visibility_lag_seconds us-east-1", "commit_to_visible_p99_seconds views", "capture_not_running eu-west-1",
                "oversells_open views", "consumer_lag_seconds us-east-1/globalmart.public.orders/1");
        assertThat(conditions).filteredOn(c -> c.rule().equals("consumer_lag_seconds")).extracting(Condition::subject)
                .containsExactly("us-east-1/globalmart.public.orders/1");
        assertThat(conditions.stream().filter(c -> !c.holds()).map(c -> c.rule() + " " + c.subject())).contains(
                "consumer_lag_records us-east-1/globalmart.public.orders/0", "capture_not_running us-east-1", "job_not_running etl-1/42",
                "engine_silent etl-1/42", "conflicts_open views");
        assertThat(conditions).filteredOn(c -> c.rule().equals("capture_not_running") && c.holds()).singleElement()
                .extracting(Condition::summary).isEqualTo("capture of eu-west-1 is retrying: connection refused");
    }

    @Test
    void anOpenConflictWaitingLongerThanTheThresholdHoldsAndNoneOpenDoesNot() {
        PipelineReport waiting = new PipelineReport("globalmart", 1_000 + 3_601_000, List.of(), List.of(), List.of(), List.of(), null,
                new PipelineReport.Conflicts(2, 0, 1_000), List.of(), List.of());
        PipelineReport none = new PipelineReport("globalmart", 1_000 + 3_601_000, List.of(), List.of(), List.of(), List.of(), null,
                new PipelineReport.Conflicts(0, 0, -1), List.of(), List.of());

        assertThat(AlertRules.evaluate(waiting, AlertRules.DEFAULTS)).filteredOn(c -> c.rule().equals("conflict_age_seconds")).singleElement()
                .satisfies(c -> {
                    assertThat(c.holds()).isTrue();
                    assertThat(c.summary()).isEqualTo("the oldest open conflict has waited 60 min for an operator");
                });
        assertThat(AlertRules.evaluate(none, AlertRules.DEFAULTS)).filteredOn(c -> c.rule().equals("conflict_age_seconds"))
                .singleElement().extracting(Condition::holds).isEqualTo(false);
    }

    @Test
    void aCheckpointOlderThanTheThresholdAtTheEnginesReportHolds() {
        PipelineReport stalled = withCheckpoints(new EngineStatus.Checkpoints(40, 3, 1_000_000, 800, 1), 1_000_000 + 301_000);
        PipelineReport fresh = withCheckpoints(new EngineStatus.Checkpoints(40, 0, 1_000_000, 800, 0), 1_000_000 + 5_000);
        PipelineReport none = withCheckpoints(new EngineStatus.Checkpoints(0, 0, -1, -1, 0), 1_000_000 + 301_000);

        assertThat(AlertRules.evaluate(stalled, AlertRules.DEFAULTS)).filteredOn(c -> c.rule().equals("checkpoint_age_seconds")).singleElement()
                .satisfies(c -> {
                    assertThat(c.holds()).isTrue();
                    assertThat(c.subject()).isEqualTo("etl-1/42");
                    assertThat(c.summary()).isEqualTo("the job of etl-1/42 last completed a checkpoint 301 s ago (3 failed since it started)");
                });
        assertThat(AlertRules.evaluate(fresh, AlertRules.DEFAULTS)).filteredOn(c -> c.rule().equals("checkpoint_age_seconds"))
                .singleElement().extracting(Condition::holds).isEqualTo(false);
        assertThat(AlertRules.evaluate(none, AlertRules.DEFAULTS)).noneMatch(c -> c.rule().equals("checkpoint_age_seconds"));
    }

    private static PipelineReport withCheckpoints(EngineStatus.Checkpoints checkpoints, long heartbeatMs) {
        EngineStatus engine = new EngineStatus(1, "etl-1/42", "globalmart", "0.1.0", 0, heartbeatMs, 5_000, List.of(),
                new EngineStatus.Job("RUNNING", null, null, null, null, checkpoints), null, null);
        return new PipelineReport("globalmart", heartbeatMs, List.of(new PipelineReport.Engine(engine, 1_000, false)), List.of(), List.of(),
                List.of(), null, null, List.of(), List.of());
    }
}
