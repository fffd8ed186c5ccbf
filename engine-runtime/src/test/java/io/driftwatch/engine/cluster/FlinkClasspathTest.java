package io.driftwatch.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkClasspathTest {
    private static final String M2 = "/home/u/.m2/repository";

    @Test
    void keepsFlinkAndItsLibrariesAndLeavesOutWhatTheJobJarMustBring() {
        String engine = String.join(File.pathSeparator, List.of(
                M2 + "/org/apache/flink/flink-runtime/2.2.0/flink-runtime-2.2.0.jar",
                M2 + "/org/apache/flink/flink-connector-base/2.2.0/flink-connector-base-2.2.0.jar",
                M2 + "/org/apache/flink/flink-connector-kafka/5.0.0-2.2/flink-connector-kafka-5.0.0-2.2.jar",
                M2 + "/org/apache/kafka/kafka-clients/4.3.1/kafka-clients-4.3.1.jar",
                M2 + "/org/apache/avro/avro/1.12.0/avro-1.12.0.jar",
                M2 + "/com/fasterxml/jackson/core/jackson-databind/2.21.2/jackson-databind-2.21.2.jar",
                M2 + "/com/esotericsoftware/kryo/5.6.2/kryo-5.6.2.jar",
                M2 + "/ch/qos/logback/logback-classic/1.5.18/logback-classic-1.5.18.jar",
                "/repo/pipeline-engine/target/classes",
                M2 + "/io/driftwatch/driftwatch-assets/0.1.0-SNAPSHOT/driftwatch-assets-0.1.0-SNAPSHOT.jar"));

        List<String> cluster = List.of(FlinkClasspath.of(engine).split(File.pathSeparator));

        assertThat(cluster).extracting(e -> e.substring(e.lastIndexOf('/') + 1)).containsExactly(
                "flink-runtime-2.2.0.jar", "flink-connector-base-2.2.0.jar", "kryo-5.6.2.jar", "logback-classic-1.5.18.jar");
    }

    @Test
    void aClasspathWithoutFlinkIsAnError() {
        assertThatThrownBy(() -> FlinkClasspath.of(M2 + "/org/apache/kafka/kafka-clients/4.3.1/kafka-clients-4.3.1.jar"))
                .hasMessageContaining("flink-runtime");
    }
}
