package io.driftwatch.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBenchmarkTest {
    @Test
    void aSampleCountsForWhatItsStackRunsCaptureBeforeTheJob() {
        assertThat(ProfileBenchmark.part(List.of("java.util.HashMap", "io.debezium.connector.postgresql.PostgresStreamingChangeEventSource")))
                .isEqualTo("capture");
        assertThat(ProfileBenchmark.part(List.of("java.util.HashMap", "io.driftwatch.engine.capture.ConnectAvroConverter",
                "org.apache.kafka.connect.runtime.WorkerTask"))).isEqualTo("capture");
        assertThat(ProfileBenchmark.part(List.of("java.io.BufferedOutputStream", "io.driftwatch.engine.txn.AssemblyFunction",
                "org.apache.flink.streaming.runtime.tasks.StreamTask"))).isEqualTo("job");
        assertThat(ProfileBenchmark.part(List.of("sun.security.provider.MD5", "org.apache.kafka.clients.producer.internals.Sender")))
                .isEqualTo("other");
    }

    @Test
    void theJvmsOwnThreadsAreToldApartByTheirNativeNames() {
        // Linux keeps 15 characters of a thread's name.
        assertThat(ProfileBenchmark.jvmThread("GC Thread#0")).isTrue();
        assertThat(ProfileBenchmark.jvmThread("C2 CompilerThre")).isTrue();
        assertThat(ProfileBenchmark.jvmThread("G1 Conc#0")).isTrue();
        assertThat(ProfileBenchmark.jvmThread("decode -> END m")).isFalse();
        assertThat(ProfileBenchmark.jvmThread("debezium-postgr")).isFalse();
    }

    @Test
    void threadsOfOneNameAreAddedUpAndListedBusiestFirst() {
        var busiest = ProfileBenchmark.busiest(java.util.Map.of("GC Thread#0", 1.0, "GC Thread#1", 2.0, "pipeline-reade", 5.0),
                java.util.Map.of("GC Thread#0", 1.5, "GC Thread#1", 2.5, "pipeline-reade", 5.2, "kafka-producer", 0.3));
        assertThat(busiest.keySet()).containsExactly("GC Thread#N", "kafka-producer", "pipeline-reade");
        assertThat(busiest.get("GC Thread#N")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
