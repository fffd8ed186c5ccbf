package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.MirrorFlow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorSupervisorStateTest {

    @Test
    void theRecordedFlowsAndRestartsReadBackAsWritten(@TempDir Path dir) {
        Instant at = Instant.parse("2026-12-04T12:00:00.123Z");
        MirrorSupervisor.State state = new MirrorSupervisor.State(at, List.of(
                new MirrorFlow("eu-west-1", "us-east-1", MirrorFlow.Condition.STALLED, at.minusSeconds(40), 1200, 39_000,
                        "task MirrorSourceConnector-0 FAILED: x"),
                new MirrorFlow("us-east-1", "eu-west-1", MirrorFlow.Condition.CAUGHT_UP, at.minusSeconds(300), 0, 0, "")),
                List.of(new MirrorSupervisor.Restart(at.minusSeconds(10), "eu-west-1 → us-east-1 stalled since …", 10_200)), false);
        Path file = dir.resolve("flows.json");
        MirrorSupervisor.write(file, state);
        assertThat(MirrorSupervisor.read(file)).contains(state);
    }

    @Test
    void noFileOrAnUnreadableOneReadsAsNothing(@TempDir Path dir) throws Exception {
        assertThat(MirrorSupervisor.read(dir.resolve("missing.json"))).isEmpty();
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{not json");
        assertThat(MirrorSupervisor.read(dir.resolve("bad.json"))).isEmpty();
    }
}
