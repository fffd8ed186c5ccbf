package io.driftwatch.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkClusterConfigTest {
    private final FlinkClusterConfig config = new FlinkClusterConfig(6123, 8081, 6124,
            new FlinkClusterConfig.S3("http://127.0.0.1:9000", "AKEY", "it's-secret"), "s3p://checkpoints/savepoints");

    @Test
    void everyProcessListensOnLoopbackOnly() {
        Map<String, String> jm = config.jobManager(Path.of("/stack/flink-jobmanager"));
        Map<String, String> tm = config.taskManager(Path.of("/stack/flink-taskmanager-1"), "flink-taskmanager-1", 7001);
        for (Map<String, String> c : java.util.List.of(jm, tm)) {
            assertThat(c).containsEntry("jobmanager.bind-host", "127.0.0.1").containsEntry("rest.bind-address", "127.0.0.1")
                    .containsEntry("taskmanager.bind-host", "127.0.0.1").containsEntry("jobmanager.rpc.port", "6123")
                    .containsEntry("rest.port", "8081").containsEntry("blob.server.port", "6124");
        }
        assertThat(tm).containsEntry("taskmanager.resource-id", "flink-taskmanager-1").containsEntry("taskmanager.rpc.port", "7001")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
    }

    @Test
    void theTaskManagersHeapMatchesItsConfiguredHeapParts() {
        Map<String, String> tm = config.taskManager(Path.of("/tm"), "tm", 7001);
        long heapMb = mb(tm.get("taskmanager.memory.framework.heap.size")) + mb(tm.get("taskmanager.memory.task.heap.size"));
        long directMb = mb(tm.get("taskmanager.memory.framework.off-heap.size")) + mb(tm.get("taskmanager.memory.task.off-heap.size"))
                + mb(tm.get("taskmanager.memory.network.max"));
        assertThat(FlinkClusterConfig.taskManagerJvm()).contains("-Xmx" + heapMb + "m", "-XX:MaxDirectMemorySize=" + directMb + "m");
    }

    @Test
    void yamlQuotesEveryValue() {
        String yaml = FlinkClusterConfig.yaml(config.jobManager(Path.of("/jm")));
        assertThat(yaml).contains("s3.secret-key: 'it''s-secret'\n").contains("rest.port: '8081'\n");
    }

    private static long mb(String size) {
        return Long.parseLong(size.replace("m", ""));
    }
}
