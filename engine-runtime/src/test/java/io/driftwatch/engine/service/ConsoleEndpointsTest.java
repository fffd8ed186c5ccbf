package io.driftwatch.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code console} section: a workstation reaches the pipeline with its own users, the engine with the pipeline's. */
class ConsoleEndpointsTest {
    private static final String PIPELINE = """
            regions:
              - name: us-east-1
                postgres: { host: db1, database: globalmart, user: driftwatch, passwordFile: SECRETS/pg }
                kafka:
                  bootstrapServers: kafka1:9093
                  security: { protocol: SASL_SSL, username: engine, passwordFile: SECRETS/kafka-engine, truststoreFile: /etc/trust.p12 }
            registry:
              url: http://registry:8081/apis/ccompat/v7
            processing:
              checkpointDir: file:///tmp/chk
              clickhouse: { url: "http://ch:8123/", user: writer, passwordFile: SECRETS/ch }
            """;
    private static final String CONSOLE = """
            console:
              postgres: { user: dw_monitor, passwordFile: SECRETS/pg-monitor }
              kafka: { username: dw_console, passwordFile: SECRETS/kafka-console }
              clickhouse: { user: reader, passwordFile: SECRETS/ch-reader }
              registry: { username: viewer, passwordFile: SECRETS/registry-viewer }
            """;

    private PipelineConfig load(Path dir, String yaml) throws Exception {
        for (String secret : new String[] {"pg", "kafka-engine", "ch", "pg-monitor", "kafka-console", "ch-reader", "registry-viewer"}) {
            Files.writeString(dir.resolve(secret), "pw-" + secret + "\n");
        }
        Path file = Files.writeString(dir.resolve("pipeline.yaml"), yaml.replace("SECRETS", dir.toString()));
        return new ConfigLoader().load(file);
    }

    @Test
    void theConsoleReachesEveryServerWithItsOwnUsersAndTheRegionsTransportSecurity(@TempDir Path dir) throws Exception {
        StackEndpoints console = PipelineEndpoints.forConsole(load(dir, PIPELINE + CONSOLE));
        StackEndpoints.RegionEndpoints region = console.region("us-east-1");
        assertThat(region.postgres().user()).isEqualTo("dw_monitor");
        assertThat(region.postgres().password()).isEqualTo("pw-pg-monitor");
        assertThat(region.kafka().security().username()).isEqualTo("dw_console");
        assertThat(region.kafka().security().password()).isEqualTo("pw-kafka-console");
        assertThat(region.kafka().security().protocol()).as("the region's transport").isEqualTo("SASL_SSL");
        assertThat(region.kafka().security().truststoreFile()).isEqualTo("/etc/trust.p12");
        assertThat(region.kafka().security().mechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(console.clickhouse().user()).isEqualTo("reader");
        assertThat(console.clickhouse().password()).isEqualTo("pw-ch-reader");
        assertThat(io.driftwatch.engine.registry.RegistryCredentials.of(console.registry().url()).authorization()).isNotNull();
        assertThat(console.toString()).doesNotContain("pw-");
    }

    @Test
    void theEngineKeepsThePipelinesUsersAndAConsoleWithoutTheSectionUsesThemToo(@TempDir Path dir) throws Exception {
        StackEndpoints engine = PipelineEndpoints.of(load(dir, PIPELINE + CONSOLE));
        assertThat(engine.region("us-east-1").kafka().security().username()).isEqualTo("engine");
        assertThat(engine.region("us-east-1").postgres().user()).isEqualTo("driftwatch");
        assertThat(engine.clickhouse().user()).isEqualTo("writer");
        StackEndpoints console = PipelineEndpoints.forConsole(load(dir, PIPELINE));
        assertThat(console.region("us-east-1").kafka().security().username()).isEqualTo("engine");
        assertThat(console.clickhouse().user()).isEqualTo("writer");
    }

    @Test
    void eachPartIsOptionalAndALeftOutPartMeansThePipelinesUser(@TempDir Path dir) throws Exception {
        StackEndpoints console = PipelineEndpoints.forConsole(load(dir, PIPELINE + """
                console:
                  clickhouse: { user: reader, passwordFile: SECRETS/ch-reader }
                """));
        assertThat(console.clickhouse().user()).isEqualTo("reader");
        assertThat(console.region("us-east-1").kafka().security().username()).isEqualTo("engine");
        assertThat(console.region("us-east-1").postgres().user()).isEqualTo("driftwatch");
    }

    @Test
    void aConsoleUserWithoutAPasswordSourceIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, PIPELINE + "console:\n  kafka: { username: dw_console }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'console.kafka' needs 'passwordEnv'");
        assertThatThrownBy(() -> load(dir, PIPELINE + "console:\n  postgres: { passwordFile: /x }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing key 'console.postgres.user'");
    }

    @Test
    void aConsoleKafkaUserNeedsRegionsThatAuthenticateWithSasl(@TempDir Path dir) {
        String plaintext = PIPELINE.replace("      security: { protocol: SASL_SSL, username: engine, passwordFile: SECRETS/kafka-engine, truststoreFile: /etc/trust.p12 }\n", "");
        assertThatThrownBy(() -> load(dir, plaintext + CONSOLE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'console.kafka'").hasMessageContaining("regions[0].kafka.security");
    }
}
