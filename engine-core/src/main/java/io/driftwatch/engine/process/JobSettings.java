package io.driftwatch.engine.process;

import io.driftwatch.engine.naming.PipelineNames;
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
                          Map<String, io.driftwatch.engine.transport.KafkaSecurity> kafkaSecurity, Sourcing sourcing) {

    public JobSettings {
        kafkaByRegion = Map.copyOf(kafkaByRegion);
        kafkaSecurity = kafkaSecurity == null ? Map.of() : Map.copyOf(kafkaSecurity);
    }

    /** As a record prints itself, with the registry's credentials (if its URL carries any) left out. */
    @Override
    public String toString() {
        return "JobSettings[topicPrefix=" + topicPrefix + ", kafkaByRegion=" + kafkaByRegion + ", registryUrl="
                + io.driftwatch.engine.registry.RegistryCredentials.redact(registryUrl) + ", clickhouse=" + clickhouse
                + ", parallelism=" + parallelism + ", checkpointInterval=" + checkpointInterval + ", visibility=" + visibility
                + ", checkpointDir=" + checkpointDir + ", s3=" + s3 + ", restPort=" + restPort + ", flushInterval=" + flushInterval
                + ", outboxTable=" + outboxTable + ", merge=" + merge + ", kafkaSecurity=" + kafkaSecurity + ", sourcing=" + sourcing + "]";
    }

    /** Reading each region's cluster directly (no MirrorMaker 2). */
    public JobSettings(String topicPrefix, Map<String, String> kafkaByRegion, String registryUrl, ClickHouseSettings clickhouse,
                       int parallelism, Duration checkpointInterval, Visibility visibility, String checkpointDir, S3 s3,
                       int restPort, Duration flushInterval, String outboxTable, MergeSettings merge,
                       Map<String, io.driftwatch.engine.transport.KafkaSecurity> kafkaSecurity) {
        this(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility, checkpointDir, s3, restPort,
                flushInterval, outboxTable, merge, kafkaSecurity, null);
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
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, security, sourcing);
    }

    public JobSettings(String topicPrefix, Map<String, String> kafkaByRegion, String registryUrl, ClickHouseSettings clickhouse,
                       int parallelism, Duration checkpointInterval, Visibility visibility, String checkpointDir, S3 s3,
                       int restPort, Duration flushInterval, String outboxTable, MergeSettings merge) {
        this(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility, checkpointDir, s3, restPort,
                flushInterval, outboxTable, merge, null, null);
    }

    /**
     * Where the job reads when the regions' clusters are joined by MirrorMaker 2: everything from
     * the active region's cluster, its own topics and the other regions' copies
     * ({@code <region>.<topic>}). A source that has no state in the checkpoint it is restored from
     * starts at {@code startOffsets} (per data region, per topic-partition as named in the active
     * cluster); partitions not listed start at their committed offset, else at the beginning.
     */
    public record Sourcing(String activeRegion, Map<String, Map<String, Long>> startOffsets) {
        public Sourcing {
            startOffsets = startOffsets == null ? Map.of() : Map.copyOf(startOffsets);
        }

        /** The key of a topic-partition in {@code startOffsets}: Kafka topic names have no colon. */
        public static String key(String topic, int partition) {
            return topic + ":" + partition;
        }

        /** {@code dataRegion}'s start offsets as the Kafka source takes them; empty when none were placed. */
        public Map<org.apache.kafka.common.TopicPartition, Long> offsetsOf(String dataRegion) {
            Map<org.apache.kafka.common.TopicPartition, Long> out = new java.util.HashMap<>();
            startOffsets.getOrDefault(dataRegion, Map.of()).forEach((key, offset) -> {
                int colon = key.lastIndexOf(':');
                out.put(new org.apache.kafka.common.TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1))), offset);
            });
            return out;
        }

        public static Sourcing mirrored(String activeRegion) {
            return new Sourcing(activeRegion, Map.of());
        }
    }

    /** Reading through MirrorMaker 2 from {@code sourcing}'s active region. */
    public JobSettings withSourcing(Sourcing value) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, kafkaSecurity, value);
    }

    /** The cluster the job reads (and writes its own topics to) for {@code dataRegion}'s changes. */
    public String clusterFor(String dataRegion) {
        return sourcing == null ? dataRegion : sourcing.activeRegion();
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

    public JobSettings withClickHouse(ClickHouseSettings views) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, views, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, kafkaSecurity, sourcing);
    }

    public JobSettings withRestPort(int port) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, port, flushInterval, outboxTable, merge, kafkaSecurity, sourcing);
    }

    public JobSettings withVisibility(Visibility mode) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, mode,
                checkpointDir, s3, restPort, flushInterval, outboxTable, merge, kafkaSecurity, sourcing);
    }

    /** The same job without the S3 keys: where the cluster running it has its own. */
    public JobSettings withoutS3() {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, null, restPort, flushInterval, outboxTable, merge, kafkaSecurity, null);
    }

    public JobSettings withMerge(MergeSettings settings) {
        return new JobSettings(topicPrefix, kafkaByRegion, registryUrl, clickhouse, parallelism, checkpointInterval, visibility,
                checkpointDir, s3, restPort, flushInterval, outboxTable, settings, kafkaSecurity, sourcing);
    }

    /**
     * The region whose Kafka holds the job's own topics (dead letters, conflicts, resolutions):
     * the active region when reading through MirrorMaker 2, else the first by name.
     */
    public String homeRegion() {
        if (sourcing != null) {
            return sourcing.activeRegion();
        }
        return kafkaByRegion.keySet().stream().sorted().findFirst().orElseThrow();
    }

    public String conflictsTopic() {
        return PipelineNames.conflicts(topicPrefix);
    }

    public String resolutionsTopic() {
        return PipelineNames.resolutions(topicPrefix);
    }

    /** The consumer group the job's Kafka sources commit their offsets to at each checkpoint. */
    public static String consumerGroup(String topicPrefix) {
        return PipelineNames.processGroup(topicPrefix);
    }

    public String transactionTopic() {
        return PipelineNames.transactions(topicPrefix);
    }

    public String deadLetterTopic() {
        return deadLetterTopic(topicPrefix);
    }

    /** Where the job of the pipeline with {@code topicPrefix} writes what it cannot process, with the reason. */
    public static String deadLetterTopic(String topicPrefix) {
        return PipelineNames.deadLetters(topicPrefix);
    }
}
