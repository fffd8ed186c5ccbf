package io.driftwatch.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * The pipeline's configuration: the regions (their PostgreSQL and Kafka), the registry, how
 * capture and processing behave, and which tables merge across regions ({@code merge}: the
 * shape {@link io.driftwatch.engine.merge.MergePolicies} reads, validated against the registered
 * schemas when the job starts). Read from YAML by {@link ConfigLoader}; every key is documented in
 * docs/CONFIG.md.
 */
public record PipelineConfig(List<RegionConfig> regions, RegistryConfig registry, CaptureConfig capture, ProcessingConfig processing,
                             java.util.Map<String, Object> merge, SchemasConfig schemas, MetricsConfig metrics, AlertsConfig alerts,
                             FailoverConfig failover, ConsoleConfig console) {

    public PipelineConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        capture = capture == null ? CaptureConfig.defaults() : capture;
    }

    public PipelineConfig(List<RegionConfig> regions, RegistryConfig registry, CaptureConfig capture, ProcessingConfig processing,
                          java.util.Map<String, Object> merge, SchemasConfig schemas) {
        this(regions, registry, capture, processing, merge, schemas, null, null, null, null);
    }

    public PipelineConfig(List<RegionConfig> regions, RegistryConfig registry, CaptureConfig capture, ProcessingConfig processing,
                          java.util.Map<String, Object> merge, SchemasConfig schemas, MetricsConfig metrics, AlertsConfig alerts) {
        this(regions, registry, capture, processing, merge, schemas, metrics, alerts, null, null);
    }

    public PipelineConfig(List<RegionConfig> regions, RegistryConfig registry, CaptureConfig capture, ProcessingConfig processing,
                          java.util.Map<String, Object> merge, SchemasConfig schemas, MetricsConfig metrics, AlertsConfig alerts,
                          FailoverConfig failover) {
        this(regions, registry, capture, processing, merge, schemas, metrics, alerts, failover, null);
    }

    /**
     * The workstation's own least-privilege users (docs/CONFIG.md, "console"): what a console,
     * {@code status}, {@code conflicts} and the failover commands attach with instead of the
     * pipeline's credentials. Each part is optional; a part left out means the pipeline's own.
     *
     * @param postgres   a read-only monitoring role, in every region (statistics and replication slots)
     * @param kafka      a user that reads the pipeline's topics and writes only the command topic, in every region with the
     *                   region's protocol, mechanism and trust store
     * @param clickhouse a read-only user of the views
     * @param registry   the registry login
     */
    public record ConsoleConfig(Login postgres, KafkaLogin kafka, Login clickhouse, RegistryLogin registry) {}

    /** A user and where its password is (never in the file itself). */
    public record Login(String user, String passwordEnv, String passwordFile) {}

    /** A Kafka SASL user and where its password is. */
    public record KafkaLogin(String username, String passwordEnv, String passwordFile) {}

    /** A registry login and where its password is. */
    public record RegistryLogin(String username, String passwordEnv, String passwordFile) {}

    /**
     * The failover controller {@code run} runs with two or more regions (docs/CONFIG.md,
     * "failover"): processing reads one region's Kafka at a time (its own topics and MirrorMaker
     * 2's copies of the others') and moves on its own or on a command; absent, processing reads
     * each region's own cluster and never moves.
     *
     * @param primary            the region processing starts in and fails back to; absent: the first region
     * @param detectionTimeoutMs how long the active region's Kafka may not answer before processing moves on its own; 0: only on a command
     */
    public record FailoverConfig(String primary, Long detectionTimeoutMs) {
        public FailoverConfig {
            detectionTimeoutMs = Objects.requireNonNullElse(detectionTimeoutMs, 5_000L);
        }

        /** The primary region: the one named, or else the first configured. */
        public String primaryOf(List<RegionConfig> regions) {
            return primary != null ? primary : regions.get(0).name();
        }
    }

    /**
     * Alerts {@code run} evaluates and sends to webhooks (docs/CONFIG.md, "alerts"); absent: none.
     *
     * @param rules per rule name: its threshold ({@code above}), duration ({@code forSeconds}) or {@code enabled: false};
     *              rules not named keep their defaults
     */
    public record AlertsConfig(List<WebhookConfig> webhooks, java.util.Map<String, RuleConfig> rules) {
        public AlertsConfig {
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            rules = rules == null ? java.util.Map.of() : java.util.Map.copyOf(rules);
        }
    }

    /**
     * A webhook: its URL given plainly ({@code url}), or — for URLs that carry a secret, as
     * Slack's do — from an environment variable ({@code urlEnv}) or a file ({@code urlFile}).
     *
     * @param format {@code slack} (default: {@code {"text": …}}) or {@code json} (every field)
     */
    public record WebhookConfig(String url, String urlEnv, String urlFile, String format) {}

    public record RuleConfig(Double above, Long forSeconds, Boolean enabled) {}

    /**
     * Where {@code run} serves its metrics for Prometheus ({@code http://bind:port/metrics}); absent: no metrics endpoint.
     *
     * @param port required in the section; 0 takes any free port (printed at start)
     */
    public record MetricsConfig(String bind, Integer port) {
        public MetricsConfig {
            bind = Objects.requireNonNullElse(bind, "127.0.0.1");
        }
    }

    /**
     * @param snapshotMode this region's own Debezium snapshot mode, overriding {@code capture.snapshotMode}: e.g.
     *                     {@code no_data} for a region whose rows started as a copy of another's (the other region's
     *                     snapshot carries them); absent: the capture section's
     */
    public record RegionConfig(String name, PostgresConfig postgres, KafkaConfig kafka, String snapshotMode) {
        public RegionConfig(String name, PostgresConfig postgres, KafkaConfig kafka) {
            this(name, postgres, kafka, null);
        }
    }

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

    /** A region's Kafka: where it is, and how clients authenticate (absent: plaintext, no authentication). */
    public record KafkaConfig(String bootstrapServers, KafkaSecurityConfig security) {
        public KafkaConfig(String bootstrapServers) {
            this(bootstrapServers, null);
        }
    }

    /**
     * How clients authenticate to a region's Kafka. Secrets never appear in the file: each comes
     * from an environment variable ({@code …Env}) or a file ({@code …File}).
     *
     * @param protocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
     * @param mechanism with SASL: {@code SCRAM-SHA-512} (default), {@code SCRAM-SHA-256} or {@code PLAIN}
     * @param username with SASL: the user
     * @param truststoreFile with SSL: a PKCS12 or JKS trust store for the brokers' certificates (absent: the JVM's default trust)
     */
    public record KafkaSecurityConfig(String protocol, String mechanism, String username, String passwordEnv, String passwordFile,
                                      String truststoreFile, String truststorePasswordEnv, String truststorePasswordFile) {}

    /**
     * The schema registry. With {@code username}, every request authenticates with HTTP Basic
     * (Confluent's {@code basic.auth.user.info}); the password comes from {@code passwordEnv} or
     * {@code passwordFile}, never from this file.
     */
    public record RegistryConfig(String url, String username, String passwordEnv, String passwordFile) {
        public RegistryConfig(String url) {
            this(url, null, null, null);
        }
    }

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
            pollIntervalMs = Objects.requireNonNullElse(pollIntervalMs, 25L);
            snapshotMode = Objects.requireNonNullElse(snapshotMode, "initial");
            topicPartitions = Objects.requireNonNullElse(topicPartitions, 1);
        }

        /** The same capture with another snapshot mode. */
        public CaptureConfig withSnapshotMode(String mode) {
            return new CaptureConfig(topicPrefix, schemas, outboxTable, heartbeatIntervalMs, pollIntervalMs, mode, topicPartitions);
        }

        public static CaptureConfig defaults() {
            return new CaptureConfig(null, null, null, null, null, null, null);
        }
    }

    /**
     * How the processing job runs and where it writes. Optional: without it, {@code run --config}
     * captures only.
     *
     * @param parallelism the job's parallelism (default 1)
     * @param checkpointIntervalMs milliseconds between exactly-once checkpoints (default 5000)
     * @param checkpointDir where checkpoints go: {@code s3p://bucket/path}, {@code s3a://…},
     *     {@code file:///path} or any Flink filesystem URI (required)
     * @param s3 the S3-compatible store, required when {@code checkpointDir} is on S3
     * @param visibility {@code transaction} (default) or {@code checkpoint}: when the views advance
     * @param restPort port of Flink's REST API and web UI (default 0: a free port)
     * @param flushIntervalMs how long written rows and visible positions may wait to be batched (default 50)
     * @param clickhouse where the views are (required)
     * @param restBind where Flink's REST API listens: {@code 127.0.0.1} (default, this machine only) or
     *     {@code 0.0.0.0} (every interface, for consoles on other machines)
     * @param restAdvertise the host other machines reach the REST API at, reported on the status
     *     topic (default: {@code restBind}, or this machine's host name when it binds every interface)
     */
    public record ProcessingConfig(Integer parallelism, Long checkpointIntervalMs, String checkpointDir, S3Config s3,
                                   String visibility, Integer restPort, Long flushIntervalMs, ClickHouseConfig clickhouse,
                                   String restBind, String restAdvertise) {
        public static final String LOOPBACK = "127.0.0.1";
        public static final String EVERY_INTERFACE = "0.0.0.0";

        public ProcessingConfig {
            parallelism = Objects.requireNonNullElse(parallelism, 1);
            checkpointIntervalMs = Objects.requireNonNullElse(checkpointIntervalMs, 5_000L);
            visibility = Objects.requireNonNullElse(visibility, "transaction");
            restPort = Objects.requireNonNullElse(restPort, 0);
            flushIntervalMs = Objects.requireNonNullElse(flushIntervalMs, 50L);
            restBind = Objects.requireNonNullElse(restBind, LOOPBACK);
        }

        public ProcessingConfig(Integer parallelism, Long checkpointIntervalMs, String checkpointDir, S3Config s3, String visibility,
                                Integer restPort, Long flushIntervalMs, ClickHouseConfig clickhouse) {
            this(parallelism, checkpointIntervalMs, checkpointDir, s3, visibility, restPort, flushIntervalMs, clickhouse, null, null);
        }

        /** The host other machines reach the REST API at. */
        public String restHost() {
            if (restAdvertise != null) {
                return restAdvertise;
            }
            if (!restBind.equals(EVERY_INTERFACE)) {
                return restBind;
            }
            try {
                return java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.net.UnknownHostException e) {
                return LOOPBACK;
            }
        }
    }

    /** An S3-compatible store; keys come from the environment or files, never from this file. */
    public record S3Config(String endpoint, String accessKeyEnv, String accessKeyFile, String secretKeyEnv, String secretKeyFile) {}

    /**
     * ClickHouse's HTTP endpoint and the database of the views (default {@code dw_<topicPrefix>}).
     *
     * @param gateway where {@code run} serves the SQL gateway (every query one cut), or null: no
     *     gateway, and the job advances the views' cut itself (each view consistent on its own)
     */
    public record ClickHouseConfig(String url, String user, String passwordEnv, String passwordFile, String database, GatewayConfig gateway) {}

    /** The SQL gateway's address: ClickHouse's HTTP interface in front of the views (docs/VIEWS.md). */
    public record GatewayConfig(String bind, Integer port) {
        public GatewayConfig {
            bind = Objects.requireNonNullElse(bind, "127.0.0.1");
        }
    }

    /**
     * Compatibility levels the registry enforces: {@code compatibility} for every subject without
     * a level of its own, {@code subjects} per subject (e.g. {@code globalmart.public.orders-value:
     * FULL}). Levels: BACKWARD, FORWARD, FULL, their _TRANSITIVE forms, NONE.
     */
    public record SchemasConfig(String compatibility, java.util.Map<String, String> subjects) {
        public SchemasConfig {
            subjects = subjects == null ? java.util.Map.of() : java.util.Map.copyOf(subjects);
        }
    }
}
