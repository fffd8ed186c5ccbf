package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredEndpointsTest {
    private static final String CONFIG = """
            regions:
              - name: us-east-1
                postgres:
                  host: 127.0.0.1
                  port: PG_PORT
                  database: globalmart
                  user: driftwatch
                  passwordEnv: NOT_READ_BY_ATTACH
                kafka:
                  bootstrapServers: 127.0.0.1:KAFKA_PORT, [::1]:9093
              - name: eu-west-1
                postgres:
                  host: db.eu-west-1.internal
                  database: globalmart
                  user: driftwatch
                  passwordFile: /run/secrets/pg
                kafka:
                  bootstrapServers: kafka.eu-west-1.internal:9092
            registry:
              url: https://registry.internal/apis/ccompat/v7
            """;

    private static String valid() {
        return CONFIG.replace("PG_PORT", "5433").replace("KAFKA_PORT", "9092");
    }

    private static Path write(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void namesEachRegionsPostgresAndKafkaAndTheRegistry(@TempDir Path dir) throws Exception {
        ConfiguredEndpoints endpoints = ConfiguredEndpoints.read(write(dir, valid()));

        assertThat(endpoints.endpoints()).extracting(ConfiguredEndpoints.Endpoint::name)
                .containsExactly("postgres-us-east-1", "kafka-us-east-1", "postgres-eu-west-1", "kafka-eu-west-1", "registry");
        assertThat(endpoints.endpoints().get(1).addresses()).containsExactly(
                new ConfiguredEndpoints.HostPort("127.0.0.1", 9092), new ConfiguredEndpoints.HostPort("::1", 9093));
        assertThat(endpoints.endpoints().get(1).describe()).isEqualTo("127.0.0.1:9092,[::1]:9093");
        assertThat(endpoints.endpoints().get(2).describe()).isEqualTo("db.eu-west-1.internal:5432");
        assertThat(endpoints.endpoints().get(4).describe()).isEqualTo("registry.internal:443");
        assertThat(endpoints.source()).isEqualTo(dir.resolve("pipeline.yaml").toAbsolutePath().normalize());
    }

    @Test
    void aKafkaRegionAnswersWhenAnyBootstrapServerDoes(@TempDir Path dir) throws Exception {
        try (ServerSocket postgres = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket kafka = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = write(dir, CONFIG.replace("PG_PORT", Integer.toString(postgres.getLocalPort()))
                    .replace("KAFKA_PORT", Integer.toString(kafka.getLocalPort()))
                    .replace("db.eu-west-1.internal", "127.0.0.1").replace("kafka.eu-west-1.internal:9092", "127.0.0.1:1")
                    .replace("https://registry.internal", "http://127.0.0.1:1"));

            List<ServerStatus> status = ConfiguredEndpoints.read(file).probe(Duration.ofSeconds(2));

            assertThat(status).extracting(ServerStatus::name, ServerStatus::up).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("postgres-us-east-1", true),
                    org.assertj.core.groups.Tuple.tuple("kafka-us-east-1", true),
                    org.assertj.core.groups.Tuple.tuple("postgres-eu-west-1", false),
                    org.assertj.core.groups.Tuple.tuple("kafka-eu-west-1", false),
                    org.assertj.core.groups.Tuple.tuple("registry", false));
            assertThat(status.get(1).port()).isEqualTo(kafka.getLocalPort());
            assertThat(status).allSatisfy(s -> assertThat(s.pid()).isEqualTo(-1));
        }
    }

    @Test
    void configMistakesAreNamedWithTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfiguredEndpoints.read(write(dir, valid().replace("  host: 127.0.0.1\n", "  hots: 127.0.0.1\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'regions[0].postgres.hots'");
        assertThatThrownBy(() -> ConfiguredEndpoints.read(dir.resolve("missing.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConfiguredEndpoints.read(write(dir, valid().replace("127.0.0.1:9092", "kafka"))))
                .hasMessageContaining("kafka bootstrap server 'kafka' needs a port");
        assertThatThrownBy(() -> ConfiguredEndpoints.read(write(dir, valid()
                .replace("https://registry.internal", "registry:8081"))))
                .hasMessageContaining("registry.url 'registry:8081/apis/ccompat/v7' is not an http:// or https:// URL");
    }
}
