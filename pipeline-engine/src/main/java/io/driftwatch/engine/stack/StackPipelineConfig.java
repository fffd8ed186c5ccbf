package io.driftwatch.engine.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline config (docs/CONFIG.md) for a running local stack: what {@code driftwatch run
 * --config} needs to run against it as against any other servers. Secrets are referenced by file
 * ({@code DIR/secrets/…}, mode 600), never written into the config.
 */
public final class StackPipelineConfig {
    private StackPipelineConfig() {}

    /**
     * @param merge       the {@code merge} section, or null
     * @param outboxTable the outbox table, or null
     */
    public static PipelineConfig of(StackEndpoints e, Path stackDir, String topicPrefix, Map<String, Object> merge, String outboxTable) {
        return of(e, stackDir, topicPrefix, merge, outboxTable, null);
    }

    /**
     * With a secured stack's {@code users} (null: a plaintext stack), the engine reaches every
     * region's Kafka through SCRAM over TLS as {@link StackUsers#ENGINE_KAFKA_USER}, and the
     * {@code console} section names the workstation's least-privilege users.
     */
    public static PipelineConfig of(StackEndpoints e, Path stackDir, String topicPrefix, Map<String, Object> merge, String outboxTable,
                                    StackUsers users) {
        Path secrets = stackDir.resolve("secrets");
        PipelineConfig.KafkaSecurityConfig security = null;
        PipelineConfig.ConsoleConfig console = null;
        PipelineConfig.RegistryConfig registry = new PipelineConfig.RegistryConfig(e.registry().url());
        if (users != null) {
            StackUsers.Passwords p = users.passwords();
            String truststorePassword = secret(secrets, "truststore", p.truststore()).toString();
            security = new PipelineConfig.KafkaSecurityConfig("SASL_SSL", StackUsers.MECHANISM, StackUsers.ENGINE_KAFKA_USER, null,
                    secret(secrets, "kafka-engine", p.engineKafka()).toString(), users.truststore().toString(), null, truststorePassword);
            console = new PipelineConfig.ConsoleConfig(
                    new PipelineConfig.Login(StackUsers.POSTGRES_MONITOR, null, secret(secrets, "postgres-monitor", p.postgresMonitor()).toString()),
                    new PipelineConfig.KafkaLogin(StackUsers.CONSOLE_KAFKA_USER, null, secret(secrets, "kafka-console", p.consoleKafka()).toString()),
                    new PipelineConfig.Login(StackUsers.CLICKHOUSE_CONSOLE, null, secret(secrets, "clickhouse-console", p.clickhouseConsole()).toString()),
                    new PipelineConfig.RegistryLogin(StackUsers.CONSOLE_REGISTRY_USER, null,
                            secret(secrets, "registry-console", p.registryConsole()).toString()));
            registry = new PipelineConfig.RegistryConfig(users.registryUrl(), StackUsers.ENGINE_REGISTRY_USER, null,
                    secret(secrets, "registry-engine", p.registryEngine()).toString());
        }
        List<PipelineConfig.RegionConfig> regions = new ArrayList<>();
        for (String region : e.regionNames()) {
            StackEndpoints.RegionEndpoints r = e.region(region);
            StackEndpoints.Postgres pg = r.postgres();
            // The demo's regions (the merging pipeline) start as copies of the primary: its snapshot carries their
            // common rows, and the others stream their own changes from then on.
            String snapshotMode = merge != null && !region.equals(e.regionNames().get(0)) ? "no_data" : null;
            regions.add(new PipelineConfig.RegionConfig(region,
                    new PipelineConfig.PostgresConfig(pg.host(), pg.port(), pg.database(), pg.user(), null,
                            secret(secrets, "postgres-" + region, pg.password()).toString()),
                    users == null ? new PipelineConfig.KafkaConfig(r.kafka().bootstrapServers())
                            : new PipelineConfig.KafkaConfig(users.tlsBootstrap().get(region), security), snapshotMode));
        }
        PipelineConfig.ClickHouseConfig clickhouse = new PipelineConfig.ClickHouseConfig(e.clickhouse().url(), e.clickhouse().user(), null,
                secret(secrets, "clickhouse", e.clickhouse().password()).toString(), "dw_" + topicPrefix,
                new PipelineConfig.GatewayConfig("127.0.0.1", 0));
        PipelineConfig.S3Config s3 = new PipelineConfig.S3Config(e.s3().endpoint(), null, secret(secrets, "s3-access-key", e.s3().accessKey()).toString(),
                null, secret(secrets, "s3-secret-key", e.s3().secretKey()).toString());
        PipelineConfig.ProcessingConfig processing = new PipelineConfig.ProcessingConfig(1, 5_000L,
                "s3p://" + e.s3().bucket() + "/" + topicPrefix, s3, "transaction", 0, 50L, clickhouse);
        PipelineConfig.CaptureConfig capture = new PipelineConfig.CaptureConfig(topicPrefix, List.of("public"), outboxTable, null, null, null, null);
        // With two regions MirrorMaker 2 joins their clusters: processing reads one and moves when it fails.
        PipelineConfig.FailoverConfig failover = regions.size() < 2 ? null : new PipelineConfig.FailoverConfig(e.regionNames().get(0), 5_000L);
        return new PipelineConfig(regions, registry, capture, processing, merge, null,
                new PipelineConfig.MetricsConfig("127.0.0.1", 0), null, failover, console);
    }

    /** The config as YAML, the form {@link io.driftwatch.engine.config.ConfigLoader} reads. */
    public static String yaml(PipelineConfig config) {
        try {
            return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} to {@code dir/name} (mode 600) unless it already holds it, and returns the file. */
    private static Path secret(Path dir, String name, String value) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (Files.exists(file) && Files.readString(file).strip().equals(value)) {
                return file;
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, value);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
    }
}
