package io.driftwatch.engine.process;

import java.time.Duration;
import java.util.Map;

/**
 * What the processing job needs: where each region's capture topics are, the registry, the views,
 * how often to checkpoint and where, and how visibility advances.
 *
 * @param kafkaByRegion each region's bootstrap servers
 * @param checkpointDir {@code s3p://bucket/path}, {@code file:///path} or any Flink filesystem URI
 * @param s3 the S3-compatible store's endpoint and keys when {@code checkpointDir} is on S3, else null
 * @param restPort the local MiniCluster's REST/web port (0: any free port)
 * @param merge the tables merged across regions and their column policies, or null: none
 * @param kafkaSecurity each region's Kafka client security (a region without an entry: plaintext)
 * @param outboxTable the outbox table ({@code schema.table}) or null: its events are routed to
 *     per-aggregate topics, not materialized, so END markers' counts for it are not waited for
 */
public record JobSettings(String topicPrefix, Map<String, String> kafkaByRegion, String registryUrl, ClickHouseSettings clickhouse,
                          int parallelism, Duration checkpointInterval, Visibility visibility, String checkpointDir, S3 s3,
                          int restPort, Duration flushInterval, String outboxTable, MergeSettings merge,
                          Map<String, io.driftwatch.engine.transport.KafkaSecurity> kafkaSecurity) {

    public JobSettings {
        kafkaByRegion = Map.copyOf(kafkaByRegion);
        kafkaSecurity = kafkaSecurity == null ? Map.of() : Map.copyOf(kafkaSecurity);
    }

    /** Plaintext Kafka in every region. */
    public JobSettings(String topicPrefix, Map<String, String> kafkaByRegion, String registryUrl, ClickHouseSettings clickhouse,
                       int parallelism, Duration checkpointInterval, Visibility visibility, String checkpointDir, S3 s3,
                       int restPort, Duration flushInterval, String outboxTable, MergeSettings merge) {
        this(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility, checkpointDir, s3, restPort,
                flushInterval, outboxTable, merge, null);
    }

    /** Client settings for the Kafka of {@code region}: its bootstrap servers and security. */
    public java.util.Properties kafkaClient(String region) {
        java.util.Properties p = kafkaSecurity.getOrDefault(region, io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT).asProperties();
        p.setProperty("bootstrap.servers", kafkaByRegion.get(region));
        return p;
    }

    public io.driftwatch.engine.transport.KafkaSecurity kafkaSecurity(String region) {
        return kafkaSecurity.getOrDefault(region, io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT);
    }

    public JobSettings withKafkaSecurity(Map<String, io.driftwatch.engine.transport.KafkaSecurity> security) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, security);
    }

    /** Without multi-region merge: every table is materialized per region. */
    public JobSettings(String topicPrefix, Map<String, String> kafkaByRegion, String registryUrl, ClickHouseSettings clickhouse,
                       int parallelism, Duration checkpointInterval, Visibility visibility, String checkpointDir, S3 s3,
                       int restPort, Duration flushInterval, String outboxTable) {
        this(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility, checkpointDir, s3, restPort,
                flushInterval, outboxTable, null);
    }

    /** When the views' visible position advances. */
    public enum Visibility {
        /** As soon as each transaction is written: lowest latency, relies on idempotent writes. */
        TRANSACTION,
        /** When the checkpoint covering it completes: in step with Flink's exactly-once state. */
        CHECKPOINT
    }

    public record S3(String endpoint, String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "S3[" + endpoint + ", accessKey=" + accessKey + ", secretKey=****]";
        }
    }

    public JobSettings withRestPort(int port) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, port, flushInterval, outboxTable, merge, kafkaSecurity);
    }

    public JobSettings withVisibility(Visibility mode) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, mode,
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, kafkaSecurity);
    }

    public JobSettings withMerge(MergeSettings settings) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, restPort, flushInterval, outboxTable, settings, kafkaSecurity);
    }

    /** The region whose Kafka holds the job's own topics (dead letters, conflicts, resolutions): the first by name. */
    public String homeRegion() {
        return kafkaByRegion.keySet().stream().sorted().findFirst().orElseThrow();
    }

    public String conflictsTopic() {
        return "driftwatch." + topicPrefix + ".conflicts";
    }

    public String resolutionsTopic() {
        return "driftwatch." + topicPrefix + ".resolutions";
    }

    /** The consumer group the job's Kafka sources commit their offsets to at each checkpoint. */
    public static String consumerGroup(String topicPrefix) {
        return "driftwatch-process-" + topicPrefix;
    }

    public String transactionTopic() {
        return topicPrefix + ".transaction";
    }

    public String deadLetterTopic() {
        return "driftwatch." + topicPrefix + ".dead-letters";
    }
}
