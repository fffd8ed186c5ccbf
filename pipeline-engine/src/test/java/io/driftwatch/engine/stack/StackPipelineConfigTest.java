package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.service.PipelineEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stack config}: the config a running local stack is run and attached with, secrets by file. */
class StackPipelineConfigTest {
    private static final StackEndpoints STACK = new StackEndpoints(Map.of(
            "us-east-1", new StackEndpoints.RegionEndpoints(
                    new StackEndpoints.Postgres("jdbc:postgresql://127.0.0.1:5501/globalmart", "127.0.0.1", 5501, "driftwatch", "pg-secret-1", "globalmart"),
                    new StackEndpoints.Kafka("127.0.0.1:9501")),
            "eu-west-1", new StackEndpoints.RegionEndpoints(
                    new StackEndpoints.Postgres("jdbc:postgresql://127.0.0.1:5502/globalmart", "127.0.0.1", 5502, "driftwatch", "pg-secret-2", "globalmart"),
                    new StackEndpoints.Kafka("127.0.0.1:9502"))),
            new StackEndpoints.Registry("http://127.0.0.1:8501/apis/ccompat/v7"),
            new StackEndpoints.ClickHouse("http://127.0.0.1:8123", "driftwatch", "ch-secret"),
            new StackEndpoints.ObjectStore("http://127.0.0.1:9901", "checkpoints", "ACCESS", "s3-sekret-value"));

    @Test
    void theConfigReadsBackAsTheStacksOwnEndpointsWithEverySecretInAPrivateFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pipeline.yaml"),
                StackPipelineConfig.yaml(StackPipelineConfig.of(STACK, dir, "globalmart", LocalPipeline.MERGE, "public.outbox")));
        String yaml = Files.readString(file);

        PipelineConfig loaded = new ConfigLoader().load(file);

        assertThat(PipelineEndpoints.of(loaded).regions()).isEqualTo(STACK.regions());
        assertThat(PipelineEndpoints.of(loaded).registry()).isEqualTo(STACK.registry());
        assertThat(PipelineEndpoints.of(loaded).clickhouse()).isEqualTo(STACK.clickhouse());
        assertThat(loaded.merge()).isEqualTo(LocalPipeline.MERGE);
        assertThat(loaded.capture().outboxTable()).isEqualTo("public.outbox");
        assertThat(loaded.processing().checkpointDir()).isEqualTo("s3p://checkpoints/globalmart");
        assertThat(loaded.processing().clickhouse().database()).isEqualTo("dw_globalmart");
        assertThat(loaded.failover()).as("two regions joined by MirrorMaker 2: processing fails over")
                .isEqualTo(new PipelineConfig.FailoverConfig("us-east-1", 5_000L));
        assertThat(ConfigLoader.secret(null, loaded.processing().s3().secretKeyFile(), "s3")).isEqualTo("s3-sekret-value");
        assertThat(yaml).doesNotContain("pg-secret-1", "pg-secret-2", "ch-secret", "s3-sekret-value", "ACCESS").contains("passwordFile");
        try (var secrets = Files.list(dir.resolve("secrets"))) {
            assertThat(secrets).hasSize(5).allSatisfy(secret ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------"));
        }
    }
}
