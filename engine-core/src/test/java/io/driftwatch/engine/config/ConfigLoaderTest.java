package io.driftwatch.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String VALID = """
            regions:
              - name: us-east-1
                postgres:
                  host: db.internal
                  port: 5433
                  database: globalmart
                  user: driftwatch
                  passwordFile: /run/secrets/pg
                kafka:
                  bootstrapServers: kafka:9092
            registry:
              url: http://registry:8081/apis/ccompat/v7
            capture:
              topicPrefix: shop
              outboxTable: public.outbox
            """;

    private PipelineConfig load(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(file);
    }

    @Test
    void readsEveryKeyAndFillsDefaults(@TempDir Path dir) throws Exception {
        PipelineConfig config = load(dir, VALID);
        assertThat(config.regions()).hasSize(1);
        assertThat(config.regions().get(0).postgres().portOrDefault()).isEqualTo(5433);
        assertThat(config.capture().topicPrefix()).isEqualTo("shop");
        assertThat(config.capture().schemas()).containsExactly("public");
        assertThat(config.capture().heartbeatIntervalMs()).isEqualTo(5000L);
        assertThat(config.capture().topicPartitions()).isEqualTo(1);
    }

    @Test
    void flinksRestApiListensOnLoopbackUnlessTheConfigOpensItAndReportsTheHostOthersReachItAt(@TempDir Path dir) throws Exception {
        PipelineConfig.ProcessingConfig loopback = load(dir, VALID + PROCESSING).processing();
        assertThat(loopback.restBind()).isEqualTo("127.0.0.1");
        assertThat(loopback.restHost()).isEqualTo("127.0.0.1");
        PipelineConfig.ProcessingConfig open = load(dir, VALID + PROCESSING.replace("processing:\n", "processing:\n  restBind: 0.0.0.0\n  restAdvertise: engine-1.example\n"))
                .processing();
        assertThat(open.restBind()).isEqualTo("0.0.0.0");
        assertThat(open.restHost()).isEqualTo("engine-1.example");
        assertThat(load(dir, VALID + PROCESSING.replace("processing:\n", "processing:\n  restBind: 0.0.0.0\n")).processing().restHost())
                .as("this machine's name when every interface listens").isNotEqualTo("0.0.0.0").isNotBlank();
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING.replace("processing:\n", "processing:\n  restBind: 10.0.0.7\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'processing.restBind' is '10.0.0.7'").hasMessageContaining("0.0.0.0").hasMessageContaining("restAdvertise");
    }

    @Test
    void anUnknownKeyIsNamedWithItsPathAndTheKnownKeys(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("topicPrefix: shop", "topicprefix: shop")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'capture.topicprefix'")
                .hasMessageContaining("topicPrefix")
                .hasMessageContaining("line");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("port: 5433", "port: fivefourthreethree")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'regions[0].postgres.port' has the wrong type")
                .hasMessageContaining("an integer");
    }

    @Test
    void aMissingRequiredKeyIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("      bootstrapServers: kafka:9092\n", "      {}\n").replace("    kafka:\n      {}", "    kafka: {}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("regions[0].kafka.bootstrapServers");
        assertThatThrownBy(() -> load(dir, VALID.replace("registry:\n  url: http://registry:8081/apis/ccompat/v7\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing key 'registry'");
    }

    @Test
    void passwordsMustComeFromTheEnvironmentOrAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("      passwordFile: /run/secrets/pg\n", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("passwordEnv").hasMessageContaining("passwordFile");
        assertThatThrownBy(() -> load(dir, VALID.replace("passwordFile: /run/secrets/pg", "password: hunter2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'regions[0].postgres.password'");
    }

    @Test
    void registryCredentialsComeFromAFileAndReachTheClientsAsBasicAuth(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("registry-password");
        Files.writeString(secret, "s3cr:t@x\n");
        PipelineConfig config = load(dir, VALID.replace("  url: http://registry:8081/apis/ccompat/v7\n",
                "  url: http://registry:8081/apis/ccompat/v7\n  username: driftwatch\n  passwordFile: " + secret + "\n"));

        String url = ConfigLoader.registryUrl(config.registry());
        io.driftwatch.engine.registry.RegistryCredentials credentials = io.driftwatch.engine.registry.RegistryCredentials.of(url);
        assertThat(credentials.url()).isEqualTo("http://registry:8081/apis/ccompat/v7");
        assertThat(new String(java.util.Base64.getDecoder().decode(credentials.authorization().substring(6)))).isEqualTo("driftwatch:s3cr:t@x");
        assertThat(ConfigLoader.registryUrl(load(dir, VALID).registry())).isEqualTo("http://registry:8081/apis/ccompat/v7");
    }

    @Test
    void aRegistryUserWithoutAPasswordSourceOrAPasswordWithoutAUserIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID.replace("  url: http://registry:8081/apis/ccompat/v7\n",
                "  url: http://registry:8081/apis/ccompat/v7\n  username: driftwatch\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'registry' needs 'passwordEnv'");
        assertThatThrownBy(() -> load(dir, VALID.replace("  url: http://registry:8081/apis/ccompat/v7\n",
                "  url: http://registry:8081/apis/ccompat/v7\n  passwordEnv: REGISTRY_PASSWORD\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no 'username'");
    }

    @Test
    void aMissingEnvironmentVariableForAPasswordIsNamed() {
        PipelineConfig.PostgresConfig pg = new PipelineConfig.PostgresConfig("h", 5432, "d", "u", "DRIFTWATCH_TEST_UNSET_VARIABLE", null);
        assertThatThrownBy(() -> ConfigLoader.password(pg, "regions[0]"))
                .hasMessageContaining("DRIFTWATCH_TEST_UNSET_VARIABLE").hasMessageContaining("not set");
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    private static final String PROCESSING = """
            processing:
              parallelism: 2
              checkpointDir: s3p://checkpoints/shop
              s3:
                endpoint: http://127.0.0.1:9000
                accessKeyEnv: DW_S3_ACCESS
                secretKeyFile: /run/secrets/s3
              visibility: checkpoint
              clickhouse:
                url: http://127.0.0.1:8123
                user: default
                passwordEnv: DW_CH_PASSWORD
            """;

    @Test
    void theProcessingSectionIsOptionalAndFillsDefaults(@TempDir Path dir) throws Exception {
        assertThat(load(dir, VALID).processing()).isNull();
        PipelineConfig.ProcessingConfig p = load(dir, VALID + PROCESSING).processing();
        assertThat(p.parallelism()).isEqualTo(2);
        assertThat(p.visibility()).isEqualTo("checkpoint");
        assertThat(p.checkpointIntervalMs()).isEqualTo(5000L);
        assertThat(p.flushIntervalMs()).isEqualTo(50L);
        assertThat(p.restPort()).isZero();
        assertThat(p.clickhouse().database()).isNull();
    }

    @Test
    void anUnknownVisibilityModeIsNamedWithTheModesThatExist(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING.replace("visibility: checkpoint", "visibility: eventually")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'processing.visibility' is 'eventually'")
                .hasMessageContaining("'transaction'").hasMessageContaining("'checkpoint'");
    }

    @Test
    void checkpointsOnS3NeedTheStoreAndItsKeysFromTheEnvironmentOrFiles(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING.replace("    secretKeyFile: /run/secrets/s3\n", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'processing.s3'").hasMessageContaining("secretKeyEnv").hasMessageContaining("secretKeyFile");
        String noStore = PROCESSING.replaceAll("(?s)  s3:\n.*?secretKeyFile: /run/secrets/s3\n", "");
        assertThatThrownBy(() -> load(dir, VALID + noStore))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'processing.s3' (endpoint and keys) is required");
    }

    @Test
    void aCheckpointDirectoryThatIsNotAUriIsRejectedWithAnExample(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING.replace("s3p://checkpoints/shop", "/var/lib/checkpoints")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'processing.checkpointDir' is '/var/lib/checkpoints'").hasMessageContaining("file:///");
    }

    @Test
    void theViewsNeedAClickHouseEndpoint(@TempDir Path dir) {
        String noClickHouse = PROCESSING.replaceAll("(?s)  clickhouse:.*", "");
        assertThatThrownBy(() -> load(dir, VALID + noClickHouse))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing key 'processing.clickhouse'");
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING.replace("    passwordEnv: DW_CH_PASSWORD\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'processing.clickhouse' needs 'passwordEnv'");
    }

    @Test
    void theSqlGatewayIsOptionalListensOnLoopbackByDefaultAndNeedsAPort(@TempDir Path dir) throws Exception {
        assertThat(load(dir, VALID + PROCESSING).processing().clickhouse().gateway()).isNull();
        PipelineConfig.GatewayConfig gateway = load(dir, VALID + PROCESSING + "    gateway:\n      port: 8124\n").processing().clickhouse().gateway();
        assertThat(gateway.bind()).isEqualTo("127.0.0.1");
        assertThat(gateway.port()).isEqualTo(8124);
        assertThatThrownBy(() -> load(dir, VALID + PROCESSING + "    gateway:\n      bind: 0.0.0.0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'processing.clickhouse.gateway.port'");
    }

    @Test
    void aMissingSecretVariableIsNamedWithItsKey() {
        assertThatThrownBy(() -> ConfigLoader.secret("DRIFTWATCH_TEST_UNSET_VARIABLE", null, "processing.s3.secretKey"))
                .hasMessageContaining("'processing.s3.secretKeyEnv'").hasMessageContaining("DRIFTWATCH_TEST_UNSET_VARIABLE");
    }

    @Test
    void compatibilityLevelsAreReadAndAnUnknownOneIsNamed(@TempDir Path dir) throws Exception {
        String schemas = """
                schemas:
                  compatibility: FULL_TRANSITIVE
                  subjects:
                    shop.public.orders-value: NONE
                """;
        PipelineConfig.SchemasConfig levels = load(dir, VALID + schemas).schemas();
        assertThat(levels.compatibility()).isEqualTo("FULL_TRANSITIVE");
        assertThat(levels.subjects()).containsEntry("shop.public.orders-value", "NONE");
        assertThatThrownBy(() -> load(dir, VALID + schemas.replace("NONE", "SIDEWAYS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'schemas.subjects.shop.public.orders-value' is 'SIDEWAYS'")
                .hasMessageContaining("BACKWARD");
    }

    @Test
    void failoverNeedsTwoRegionsAPrimaryAmongThemAndDefaultsToTheFirstAfterFiveSeconds(@TempDir Path dir) throws Exception {
        String twoRegions = VALID.replace("\nregistry:\n", """

                  - name: eu-west-1
                    postgres:
                      host: db.eu.internal
                      database: globalmart
                      user: driftwatch
                      passwordFile: /run/secrets/pg-eu
                    kafka:
                      bootstrapServers: kafka.eu:9092
                registry:
                """);
        PipelineConfig config = load(dir, twoRegions + "failover: {}\n");
        assertThat(config.failover().detectionTimeoutMs()).isEqualTo(5_000L);
        assertThat(config.failover().primaryOf(config.regions())).isEqualTo("us-east-1");
        assertThat(load(dir, twoRegions + "failover:\n  primary: eu-west-1\n  detectionTimeoutMs: 0\n").failover())
                .isEqualTo(new PipelineConfig.FailoverConfig("eu-west-1", 0L));
        assertThat(load(dir, twoRegions).failover()).as("without the section, processing never moves").isNull();
        assertThatThrownBy(() -> load(dir, twoRegions + "failover:\n  primary: ap-south-1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'failover.primary' is 'ap-south-1'").hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> load(dir, twoRegions + "failover:\n  detectionTimeoutMs: -1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'failover.detectionTimeoutMs' must not be negative");
        assertThatThrownBy(() -> load(dir, VALID + "failover: {}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'failover' needs two or more regions");
    }
}
