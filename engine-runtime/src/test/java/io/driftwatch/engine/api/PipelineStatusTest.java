package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineStatusTest {

    @Test
    void trafficThatCommitsSaysNothing() {
        assertThat(status(Map.of()).trafficSummary()).isEmpty();
    }

    @Test
    void trafficThatStoppedSaysWhereAndWhyInTheDatabasesWords() {
        PipelineStatus s = status(Map.of("us-east-1", "ERROR: duplicate key value violates unique constraint \"order_lines_pkey\"",
                "eu-west-1", "FATAL: terminating connection due to administrator command"));

        assertThat(s.trafficSummary()).isEqualTo("TRAFFIC STOPPED in eu-west-1: FATAL: terminating connection due to administrator command; "
                + "TRAFFIC STOPPED in us-east-1: ERROR: duplicate key value violates unique constraint \"order_lines_pkey\"");
    }

    private static PipelineStatus status(Map<String, String> stopped) {
        return new PipelineStatus(List.of(), 10, 100, 5, 5, "running", List.of(), stopped);
    }
}
