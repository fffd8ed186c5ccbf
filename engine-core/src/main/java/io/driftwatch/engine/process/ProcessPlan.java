package io.driftwatch.engine.process;

import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a configuration, or a local stack's endpoints, into the processing job's settings. */
public final class ProcessPlan {
    private ProcessPlan() {}

    /** The job for every configured region; secrets are read from the environment or files now. */
    public static JobSettings fromConfig(PipelineConfig config) {
        try {
            return fromConfig(config, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The job for every configured region, waiting up to {@code schemasTimeout} for the merged
     * tables' schemas: a pipeline whose capture starts beside the job registers them with its
     * first snapshot.
     */
    public static JobSettings fromConfig(PipelineConfig config, Duration schemasTimeout) throws InterruptedException {
        PipelineConfig.ProcessingConfig p = config.processing();
        if (p == null) {
            throw new ConfigException("the config has no 'processing' section: add one (see docs/CONFIG.md) or run with --no-process");
        }
        String prefix = config.capture().topicPrefix();
        Map<String, String> kafka = new LinkedHashMap<>();
        config.regions().forEach(r -> kafka.put(r.name(), r.kafka().bootstrapServers()));
        PipelineConfig.ClickHouseConfig ch = p.clickhouse();
        ClickHouseSettings views = new ClickHouseSettings(ch.url(), ch.user(),
                ConfigLoader.secret(ch.passwordEnv(), ch.passwordFile(), "processing.clickhouse.password"),
                ch.database() != null ? ch.database() : PipelineNames.viewsDatabase(prefix), List.copyOf(kafka.keySet()), ch.gateway() != null);
        JobSettings.S3 s3 = p.s3() == null ? null : new JobSettings.S3(p.s3().endpoint(),
                ConfigLoader.secret(p.s3().accessKeyEnv(), p.s3().accessKeyFile(), "processing.s3.accessKey"),
                ConfigLoader.secret(p.s3().secretKeyEnv(), p.s3().secretKeyFile(), "processing.s3.secretKey"));
        MergeSettings merge = config.merge() == null ? null
                : awaitMergeSettings(config.merge(), ConfigLoader.registryUrl(config.registry()), prefix, schemasTimeout);
        return new JobSettings(prefix, kafka, ConfigLoader.registryUrl(config.registry()), views, p.parallelism(), Duration.ofMillis(p.checkpointIntervalMs()),
                JobSettings.Visibility.valueOf(p.visibility().toUpperCase(java.util.Locale.ROOT)), p.checkpointDir(), s3, p.restPort(),
                Duration.ofMillis(p.flushIntervalMs()), config.capture().outboxTable(), merge, kafkaSecurity(config));
    }

    private static Map<String, io.driftwatch.engine.transport.KafkaSecurity> kafkaSecurity(PipelineConfig config) {
        Map<String, io.driftwatch.engine.transport.KafkaSecurity> security = new LinkedHashMap<>();
        for (int i = 0; i < config.regions().size(); i++) {
            PipelineConfig.RegionConfig r = config.regions().get(i);
            security.put(r.name(), ConfigLoader.kafkaSecurity(r.kafka(), "regions[" + i + "]"));
        }
        return security;
    }

    /**
     * {@link #mergeSettings} once every merged table's schema is registered: a job started with a
     * pipeline whose capture has only just begun waits for the first snapshot to register them.
     * After {@code timeout} the last problem is thrown (a missing schema, or a section that is
     * wrong for another reason, which retrying does not mend).
     */
    public static MergeSettings awaitMergeSettings(Map<String, Object> config, String registryUrl, String topicPrefix, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return mergeSettings(config, registryUrl, topicPrefix);
            } catch (ConfigException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The merge settings for {@code config} (the {@code merge} section), with each merged table's
     * columns read from its latest registered value schema; validated now, so a bad section stops
     * the start with the key named.
     *
     * @throws io.driftwatch.engine.config.ConfigException if a merged table has no registered schema yet
     */
    public static MergeSettings mergeSettings(Map<String, Object> config, String registryUrl, String topicPrefix) {
        io.driftwatch.engine.registry.SchemaRegistryClient registry = new io.driftwatch.engine.registry.SchemaRegistryClient(registryUrl);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        MergeSettings bare = new MergeSettings(config, Map.of());
        for (String table : bare.tables()) {
            String subject = topicPrefix + "." + table + "-value";
            io.driftwatch.engine.registry.SchemaVersion latest;
            try {
                latest = registry.version(subject, "latest");
            } catch (RuntimeException e) {
                throw new ConfigException("merge.tables." + table + ": no schema registered under " + subject
                        + " yet; start capture first (the table must exist and be captured): " + e.getMessage());
            }
            org.apache.avro.Schema row = io.driftwatch.engine.sink.ClickHouseTypes.nonNull(latest.schema().getField("after").schema());
            columns.put(table, row.getFields().stream().map(org.apache.avro.Schema.Field::name).toList());
        }
        MergeSettings settings = new MergeSettings(config, columns);
        try {
            settings.policies();
        } catch (io.driftwatch.engine.merge.MergeConfigException e) {
            throw new ConfigException("merge." + e.getMessage(), e);
        }
        return settings;
    }
}
