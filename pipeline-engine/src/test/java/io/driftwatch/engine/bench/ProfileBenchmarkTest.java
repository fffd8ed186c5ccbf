package io.driftwatch.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileBenchmarkTest {
    @Test
    void theEnginesThreadsAreToldApartByTheirNativeNames() {
        // Linux keeps 15 characters of a thread's name.
        assertThat(ProfileBenchmark.part("debezium-postgr")).isEqualTo("capture");
        assertThat(ProfileBenchmark.part("kafka-producer-")).isEqualTo("capture");
        assertThat(ProfileBenchmark.part("decode -> END m")).isEqualTo("job");
        assertThat(ProfileBenchmark.part("Source Data Fet")).isEqualTo("job");
        assertThat(ProfileBenchmark.part("Flink Netty Ser")).isEqualTo("job");
        assertThat(ProfileBenchmark.part("GC Thread#0")).isEqualTo("JVM (GC, JIT)");
        assertThat(ProfileBenchmark.part("C2 CompilerThre")).isEqualTo("JVM (GC, JIT)");
        assertThat(ProfileBenchmark.part("OkHttp TaskRunn")).isEqualTo("other");
    }
}
