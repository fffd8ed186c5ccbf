package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsFileTest {

    @Test
    void roundTripsEverySettingAndIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        MergeSettings merge = new MergeSettings(Map.of("tables", Map.of("public.inventory", Map.of("columns", Map.of("qty", "pn-counter")))),
                Map.of("public.inventory", List.of("sku", "qty")));
        JobSettings settings = new JobSettings("globalmart", Map.of("us-east-1", "127.0.0.1:9092", "eu-west-1", "127.0.0.1:9093"),
                "http://127.0.0.1:8080/apis/ccompat/v7",
                new ClickHouseSettings("http://127.0.0.1:8123/", "default", "pa'ss", "dw_globalmart", List.of("us-east-1", "eu-west-1")),
                4, Duration.ofMillis(1500), JobSettings.Visibility.CHECKPOINT, "s3p://checkpoints/globalmart",
                new JobSettings.S3("http://127.0.0.1:9000", "KEY", "SECRET"), 0, Duration.ofMillis(50), "public.outbox", merge)
                .withSourcing(new JobSettings.Sourcing("eu-west-1", Map.of("us-east-1",
                        Map.of(JobSettings.Sourcing.key("us-east-1.globalmart.public.orders", 0), 42L))));
        Path file = dir.resolve("jobs").resolve("globalmart.json");

        JobSettingsFile.write(settings, file);

        assertThat(JobSettingsFile.read(file)).isEqualTo(settings);
        assertThat(JobSettingsFile.read(file).sourcing().offsetsOf("us-east-1"))
                .containsEntry(new org.apache.kafka.common.TopicPartition("us-east-1.globalmart.public.orders", 0), 42L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theClusterJobGetsNoS3KeysAndNoParallelismFromItsSettings() {
        JobSettings settings = new JobSettings("p", Map.of("r", "b:1"), "http://r", new ClickHouseSettings("http://c", "u", "pw", "d",
                List.of("r")), 3, Duration.ofSeconds(2), JobSettings.Visibility.TRANSACTION, "s3p://checkpoints/p",
                new JobSettings.S3("http://s3", "KEY", "SECRET"), 8081, Duration.ofMillis(50), null);

        var conf = ClusterJobMain.jobConfiguration(settings).toMap();

        assertThat(conf).doesNotContainKeys("s3.access-key", "s3.secret-key", "parallelism.default", "rest.port")
                .containsEntry("execution.checkpointing.dir", "s3p://checkpoints/p");
        assertThat(conf.values()).noneMatch(v -> v.contains("SECRET") || v.contains("KEY"));
    }

    @Test
    void printedSettingsShowNoPasswordOfTheRegistryClickHouseOrTheStore() {
        String registry = io.driftwatch.engine.registry.RegistryCredentials.embed("https://registry:8081/apis/ccompat/v7", "svc", "REGPASS");
        JobSettings settings = new JobSettings("p", Map.of("r", "b:1"), registry, new ClickHouseSettings("http://c", "u", "CHPASS", "d",
                List.of("r")), 3, Duration.ofSeconds(2), JobSettings.Visibility.TRANSACTION, "s3p://checkpoints/p",
                new JobSettings.S3("http://s3", "KEY", "S3SECRET"), 8081, Duration.ofMillis(50), null);

        assertThat(settings.toString()).contains("registryUrl=https://registry:8081/apis/ccompat/v7")
                .doesNotContain("REGPASS").doesNotContain("CHPASS").doesNotContain("S3SECRET");
    }
}
