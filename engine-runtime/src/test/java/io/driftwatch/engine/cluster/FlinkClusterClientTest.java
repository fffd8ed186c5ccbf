package io.driftwatch.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkClusterClientTest {

    @Test
    void aFailuresRootCauseIsTheInnermostCausedByLine() {
        String trace = """
                org.apache.flink.runtime.JobException: Recovery is suppressed
                \tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)
                Caused by: java.io.IOException: write to ClickHouse failed
                \tat io.driftwatch.engine.sink.ClickHouseHttp.insert(ClickHouseHttp.java:88)
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                """;

        assertThat(FlinkClusterClient.rootCause(trace)).isEqualTo("java.net.ConnectException: Connection refused");
    }

    @Test
    void aTraceWithoutCauseIsNamedByItsFirstLine() {
        assertThat(FlinkClusterClient.rootCause("java.lang.IllegalStateException: no region\n\tat x.y(Z.java:1)\n"))
                .isEqualTo("java.lang.IllegalStateException: no region");
    }
}
