package io.driftwatch.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * The pipeline's configuration: the regions (their PostgreSQL and Kafka), the registry, and how
 * capture behaves. Read from YAML by {@link ConfigLoader}; every key is documented in
 * docs/CONFIG.md.
 */
public record PipelineConfig(List<RegionConfig> regions, RegistryConfig registry, CaptureConfig capture) {

    public PipelineConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        capture = capture == null ? CaptureConfig.defaults() : capture;
    }

    public record RegionConfig(String name, PostgresConfig postgres, KafkaConfig kafka) {}

    /**
     * Where a region's PostgreSQL is. The password never appears in the file itself: it is read
     * from the environment variable {@code passwordEnv} or the file {@code passwordFile}.
     */
    public record PostgresConfig(String host, Integer port, String database, String user, String passwordEnv,
                                 String passwordFile) {
        public int portOrDefault() {
            return port == null ? 5432 : port;
        }
    }

    public record KafkaConfig(String bootstrapServers) {}

    public record RegistryConfig(String url) {}

    /**
     * How changes are captured.
     *
     * @param topicPrefix prefix of every topic (default {@code globalmart})
     * @param schemas PostgreSQL schemas whose tables are all captured (default {@code [public]})
     * @param outboxTable a table routed by the outbox event router, e.g. {@code public.outbox}
     * @param heartbeatIntervalMs how often a heartbeat keeps the replication slot advancing
     * @param pollIntervalMs how long the engine waits for new changes when idle
     * @param snapshotMode Debezium's snapshot mode ({@code initial}, {@code no_data}, …)
     * @param topicPartitions partitions of each table topic (default 1); keys keep their order
     */
    public record CaptureConfig(String topicPrefix, List<String> schemas, String outboxTable, Long heartbeatIntervalMs,
                                Long pollIntervalMs, String snapshotMode, Integer topicPartitions) {
        public CaptureConfig {
            topicPrefix = Objects.requireNonNullElse(topicPrefix, "globalmart");
            schemas = schemas == null || schemas.isEmpty() ? List.of("public") : List.copyOf(schemas);
            heartbeatIntervalMs = Objects.requireNonNullElse(heartbeatIntervalMs, 5_000L);
            pollIntervalMs = Objects.requireNonNullElse(pollIntervalMs, 10L);
            snapshotMode = Objects.requireNonNullElse(snapshotMode, "initial");
            topicPartitions = Objects.requireNonNullElse(topicPartitions, 1);
        }

        public static CaptureConfig defaults() {
            return new CaptureConfig(null, null, null, null, null, null, null);
        }
    }
}
