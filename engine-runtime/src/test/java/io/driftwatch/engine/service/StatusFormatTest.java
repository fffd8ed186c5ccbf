package io.driftwatch.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFormatTest {
    private static EngineStatus report(String captureState, String jobState, long heartbeatMs) {
        return new EngineStatus(StatusFormat.VERSION, "etl-1/42", "globalmart", "0.1.0", 1_000, heartbeatMs, 5_000,
                List.of(new EngineStatus.RegionCapture("us-east-1", captureState, 12, 1, "running".equals(captureState) ? null : "refused")),
                new EngineStatus.Job(jobState, "http://127.0.0.1:8081", "file:///cp", "transaction", null), null, null);
    }

    @Test
    void aReportReadsBackEqual() {
        EngineStatus status = report("running", "RUNNING", 60_000);

        assertThat(StatusFormat.decode(StatusFormat.encode(status))).isEqualTo(status);
    }

    @Test
    void fieldsANewerEngineAddsAreIgnoredButAnotherVersionIsRefused() {
        String json = new String(StatusFormat.encode(report("running", "RUNNING", 60_000)), StandardCharsets.UTF_8);

        assertThat(StatusFormat.decode(json.replace("{\"version\":1,", "{\"version\":1,\"later\":{\"x\":1},").getBytes(StandardCharsets.UTF_8))
                .engine()).isEqualTo("etl-1/42");
        assertThatThrownBy(() -> StatusFormat.decode(json.replace("{\"version\":1,", "{\"version\":2,").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("engine status version 2 is not supported");
        assertThatThrownBy(() -> StatusFormat.decode("{\"@class\":\"java.net.URL\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not an engine status report");
    }

    @Test
    void aReportIsStaleAfterThreeMissedIntervals() {
        EngineStatus status = report("running", "RUNNING", 60_000);

        assertThat(status.stale(60_000 + 15_000)).isFalse();
        assertThat(status.stale(60_000 + 15_001)).isTrue();
    }

    @Test
    void faultsNameEveryCaptureOrJobThatDoesNotRunAndAnEngineThatWentQuiet() {
        PipelineReport healthy = report(List.of(new PipelineReport.Engine(report("running", "RUNNING", 1), 10, false)), List.of());
        PipelineReport failing = report(List.of(new PipelineReport.Engine(report("retrying", "RESTARTING", 1), 10, false)),
                List.of("the registry did not answer: connection refused"));
        PipelineReport quiet = report(List.of(new PipelineReport.Engine(report("running", "RUNNING", 1), 20_000, true)), List.of());

        assertThat(healthy.faults()).isEmpty();
        assertThat(failing.faults()).containsExactly("the registry did not answer: connection refused",
                "capture of us-east-1 in etl-1/42 is retrying: refused", "the job of etl-1/42 is RESTARTING");
        assertThat(quiet.faults()).containsExactly("engine etl-1/42 last reported 20 s ago");
        assertThat(report(List.of(), List.of()).faults()).singleElement().asString().contains("no engine has reported");
    }

    @Test
    void aSlotWhoseWalIsLostOrAboutToBeIsAFault() {
        List<io.driftwatch.engine.api.LagSnapshot.SlotLag> slots = List.of(
                new io.driftwatch.engine.api.LagSnapshot.SlotLag("us-east-1", "driftwatch_gm_us", true, 10, "extended", 1 << 20, 64L << 20),
                new io.driftwatch.engine.api.LagSnapshot.SlotLag("eu-west-1", "driftwatch_gm_eu", false, 10, "lost", -1, 64L << 20));
        PipelineReport report = new PipelineReport("globalmart", 0, List.of(new PipelineReport.Engine(report("running", "RUNNING", 1), 10, false)),
                slots, List.of(), List.of(), null, null, List.of(), List.of());

        assertThat(report.faults()).containsExactly("replication slot driftwatch_gm_eu in eu-west-1 has WAL status lost: PostgreSQL removed "
                + "WAL it had not sent; capture cannot resume there");
    }

    private static PipelineReport report(List<PipelineReport.Engine> engines, List<String> problems) {
        return new PipelineReport("globalmart", 0, engines, List.of(), List.of(), List.of(), null, null, List.of(), problems);
    }
}
