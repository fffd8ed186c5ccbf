package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorStatusReaderTest {
    private final MirrorStatusReader reader = new MirrorStatusReader();

    @Test
    void namesTheSourceConnectorsTasksThatDoNotRunWithTheirErrorAndItsRootCause() {
        Map<String, String> latest = new LinkedHashMap<>();
        latest.put("status-connector-MirrorSourceConnector", "{\"state\":\"RUNNING\",\"trace\":null,\"worker_id\":\"w\",\"generation\":3}");
        latest.put("status-task-MirrorSourceConnector-0", "{\"state\":\"FAILED\",\"trace\":\"org.apache.kafka.connect.errors.ConnectException: "
                + "Unrecoverable exception from producer send callback\\n\\tat org.apache.kafka...\\nCaused by: org.apache.kafka.common.errors.RecordTooLargeException: "
                + "too large\\n\\t... 8 more\",\"worker_id\":\"w\",\"generation\":3}");
        latest.put("status-task-MirrorHeartbeatConnector-0", "{\"state\":\"UNASSIGNED\",\"trace\":null}");
        latest.put("status-topic-eu.orders:connector-MirrorSourceConnector", "{\"topic\":{}}");
        assertThat(reader.summary(latest)).isEqualTo("task MirrorSourceConnector-0 FAILED: org.apache.kafka.connect.errors.ConnectException: "
                + "Unrecoverable exception from producer send callback (caused by org.apache.kafka.common.errors.RecordTooLargeException: too large)");
    }

    @Test
    void unassignedTasksAreReportedAndRunningOnesAreNot() {
        assertThat(reader.summary(Map.of("status-task-MirrorSourceConnector-0", "{\"state\":\"UNASSIGNED\",\"trace\":null}")))
                .isEqualTo("task MirrorSourceConnector-0 UNASSIGNED");
        assertThat(reader.summary(Map.of("status-task-MirrorSourceConnector-0", "{\"state\":\"RUNNING\"}"))).isEmpty();
        assertThat(reader.summary(Map.of("status-task-MirrorSourceConnector-0", "not json"))).isEmpty();
    }
}
