package io.driftwatch.engine.capture;

import io.driftwatch.engine.config.PipelineConfig;

/** Everything one region's capture needs, with secrets already resolved. */
public record CaptureSettings(String region, String pgHost, int pgPort, String database, String user, String password,
                              String bootstrapServers, String registryUrl, PipelineConfig.CaptureConfig capture,
                              io.driftwatch.engine.transport.KafkaSecurity kafkaSecurity) {

    public CaptureSettings {
        kafkaSecurity = java.util.Objects.requireNonNullElse(kafkaSecurity, io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT);
    }

    /** Plaintext Kafka without authentication (the local stack). */
    public CaptureSettings(String region, String pgHost, int pgPort, String database, String user, String password,
                           String bootstrapServers, String registryUrl, PipelineConfig.CaptureConfig capture) {
        this(region, pgHost, pgPort, database, user, password, bootstrapServers, registryUrl, capture, null);
    }

    /** {@code kafka} with this region's client security settings added. */
    public java.util.Properties kafkaClient(java.util.Properties kafka) {
        kafka.putAll(kafkaSecurity.clientProperties());
        return kafka;
    }

    /** The replication slot: one per region and pipeline, named so an operator recognises it. */
    public String slotName() {
        return slotName(capture.topicPrefix(), region);
    }

    /** The replication slot of the pipeline with {@code topicPrefix} in {@code region}. */
    public static String slotName(String topicPrefix, String region) {
        return ("driftwatch_" + topicPrefix + "_" + region).replaceAll("[^a-z0-9_]", "_").toLowerCase();
    }

    public String publicationName() {
        return ("driftwatch_" + capture.topicPrefix()).replaceAll("[^a-z0-9_]", "_").toLowerCase();
    }

    public String offsetsTopic() {
        return "driftwatch." + capture.topicPrefix() + ".capture-offsets." + region;
    }

    public String transactionTopic() {
        return capture.topicPrefix() + ".transaction";
    }

    public String heartbeatTopic() {
        return "__debezium-heartbeat." + capture.topicPrefix();
    }

    /** Where records go that cannot be written to their own topic yet (a rejected schema). */
    public String parkedTopic() {
        return "driftwatch." + capture.topicPrefix() + ".parked." + region;
    }

    @Override
    public String toString() {
        return "CaptureSettings[" + region + ", postgres " + pgHost + ":" + pgPort + "/" + database + ", kafka "
                + bootstrapServers + " (" + kafkaSecurity + "), registry " + io.driftwatch.engine.registry.RegistryCredentials.redact(registryUrl) + "]";
    }
}
