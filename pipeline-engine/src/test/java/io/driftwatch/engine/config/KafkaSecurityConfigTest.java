package io.driftwatch.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.DebeziumProperties;
import io.driftwatch.engine.transport.KafkaSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regions[].kafka.security}: read, validated with the key named, resolved from files, never printed. */
class KafkaSecurityConfigTest {

    private static String config(String security) {
        return """
                regions:
                  - name: us-east-1
                    postgres: {host: db, database: shop, user: dw, passwordFile: /run/secrets/pg}
                    kafka:
                      bootstrapServers: kafka:9093
                      security:
                SECURITY
                registry:
                  url: http://registry:8081/apis/ccompat/v7
                """.replace("SECURITY", security.indent(8).stripTrailing());
    }

    private static PipelineConfig load(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file);
    }

    @Test
    void scramOverTlsReachesEveryKafkaClientAndItsPasswordIsNeverPrinted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kafka-password"), "s3cr3t-scram\n");
        Files.writeString(dir.resolve("pg"), "pg-password");
        Files.writeString(dir.resolve("trust-password"), "trust-me");
        PipelineConfig config = load(dir, config("""
                protocol: SASL_SSL
                username: driftwatch
                passwordFile: %s
                truststoreFile: /etc/driftwatch/truststore.p12
                truststorePasswordFile: %s
                """.formatted(dir.resolve("kafka-password"), dir.resolve("trust-password"))).replace("/run/secrets/pg", dir.resolve("pg").toString()));
        KafkaSecurity security = ConfigLoader.kafkaSecurity(config.regions().get(0).kafka(), "regions[0]");
        Map<String, Object> client = security.clientProperties();
        assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/driftwatch/truststore.p12").containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "trust-me");
        assertThat((String) client.get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"driftwatch\" password=\"s3cr3t-scram\";");

        CaptureSettings capture = CapturePlan.fromConfig(config).get(0);
        assertThat(DebeziumProperties.of(capture)).as("Debezium's offset store uses the worker's top-level settings")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(capture.kafkaClient(new java.util.Properties())).containsEntry("security.protocol", "SASL_SSL");
        assertThat(capture.toString() + security).doesNotContain("s3cr3t-scram").doesNotContain("trust-me").contains("password=****");
    }

    @Test
    void withoutASecuritySectionKafkaIsPlaintext(@TempDir Path dir) throws Exception {
        PipelineConfig config = load(dir, config("protocol: PLAINTEXT"));
        assertThat(ConfigLoader.kafkaSecurity(config.regions().get(0).kafka(), "regions[0]").clientProperties()).isEmpty();
        assertThat(ConfigLoader.kafkaSecurity(new PipelineConfig.KafkaConfig("k:9092"), "regions[0]")).isEqualTo(KafkaSecurity.PLAINTEXT);
    }

    @Test
    void mistakesNameTheKeyAndWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, config("protocol: SASL_TLS")))
                .hasMessageContaining("'regions[0].kafka.security.protocol' is 'SASL_TLS'").hasMessageContaining("SASL_SSL");
        assertThatThrownBy(() -> load(dir, config("protocol: SASL_PLAINTEXT\nusername: dw")))
                .hasMessageContaining("'regions[0].kafka.security' needs 'passwordEnv'").hasMessageContaining("passwordFile");
        assertThatThrownBy(() -> load(dir, config("protocol: SASL_PLAINTEXT\nusername: dw\nmechanism: MD5\npasswordEnv: X")))
                .hasMessageContaining("'regions[0].kafka.security.mechanism' is 'MD5'");
        assertThatThrownBy(() -> load(dir, config("protocol: SASL_PLAINTEXT\nusername: dw\npassword: inline")))
                .as("a password written in the file is an unknown key").hasMessageContaining("unknown key 'regions[0].kafka.security.password'");
        assertThatThrownBy(() -> load(dir, config("protocol: SASL_PLAINTEXT\npasswordEnv: X")))
                .hasMessageContaining("missing key 'regions[0].kafka.security.username'");
        assertThatThrownBy(() -> load(dir, config("protocol: PLAINTEXT\ntruststoreFile: /t.p12")))
                .hasMessageContaining("'regions[0].kafka.security.truststoreFile' needs TLS");
    }

    @Test
    void aMissingPasswordVariableIsNamedWithItsKey(@TempDir Path dir) throws Exception {
        PipelineConfig config = load(dir, config("protocol: SASL_PLAINTEXT\nusername: dw\npasswordEnv: DRIFTWATCH_NO_SUCH_VARIABLE"));
        assertThatThrownBy(() -> ConfigLoader.kafkaSecurity(config.regions().get(0).kafka(), "regions[0]"))
                .hasMessageContaining("'regions[0].kafka.security.passwordEnv' names the environment variable DRIFTWATCH_NO_SUCH_VARIABLE");
    }
}
