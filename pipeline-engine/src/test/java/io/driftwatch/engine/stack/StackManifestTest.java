package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.api.StackEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackManifestTest {

    static StackManifest sample() {
        StackEndpoints endpoints = new StackEndpoints(
                Map.of("us-east-1", new StackEndpoints.RegionEndpoints(
                        new StackEndpoints.Postgres("jdbc:postgresql://127.0.0.1:5/globalmart", "127.0.0.1", 5, "u", "p", "globalmart"),
                        new StackEndpoints.Kafka("127.0.0.1:9"))),
                new StackEndpoints.Registry("http://127.0.0.1:8/apis/ccompat/v7"),
                new StackEndpoints.ClickHouse("http://127.0.0.1:7/", "default", "c"),
                new StackEndpoints.ObjectStore("http://127.0.0.1:6", "checkpoints", "A", "S"));
        return new StackManifest(StackManifest.State.READY, 123,
                List.of(new StackManifest.ServerRecord("postgres-us-east-1", StackManifest.Kind.POSTGRES, "us-east-1", 77, 5, "/x")),
                Map.of("postgres-us-east-1", 5), endpoints);
    }

    @Test
    void roundTripsThroughItsJsonFile(@TempDir Path dir) throws Exception {
        sample().write(dir);
        assertThat(StackManifest.read(dir)).contains(sample());
    }

    @Test
    void aMissingFileMeansNoStack(@TempDir Path dir) {
        assertThat(StackManifest.read(dir)).isEmpty();
    }

    @Test
    void aCorruptFileIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StackManifest.FILE), "{not json");
        assertThatThrownBy(() -> StackManifest.read(dir)).isInstanceOf(StackException.class)
                .hasMessageContaining(dir.resolve(StackManifest.FILE).toString());
    }

    @Test
    void printedEndpointsNeverShowPasswords() {
        assertThat(sample().endpoints().clickhouse().toString()).doesNotContain("=c,").contains("****");
        assertThat(sample().endpoints().region("us-east-1").postgres().toString()).contains("****").doesNotContain("password=p");
    }
}
