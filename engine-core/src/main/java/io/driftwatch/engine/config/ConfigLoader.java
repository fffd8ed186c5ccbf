package io.driftwatch.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates a YAML pipeline configuration. An unknown key, a value of the wrong type or
 * a missing required key is an error that names the key (as a path such as
 * {@code regions[0].postgres.port}) and the line.
 */
public final class ConfigLoader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    public PipelineConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist; pass an existing YAML file to --config");
        }
        try {
            return validate(yaml.readValue(file.toFile(), PipelineConfig.class), file.toString());
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(where(file, e) + "unknown key '" + path(e) + "'; known keys here: " + known, e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(where(file, e) + "'" + path(e) + "' has the wrong type: '" + e.getValue()
                    + "' is not " + article(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(where(file, e) + "'" + path(e) + "' has the wrong type: expected "
                    + article(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(where(file, e) + "invalid value at '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(file, e) + "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks what the types alone cannot: required keys, unique regions, how passwords are given. */
    public PipelineConfig validate(PipelineConfig config, String source) {
        if (config.regions().isEmpty()) {
            throw new ConfigException(source + ": missing key 'regions': list at least one region with its postgres and kafka");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.regions().size(); i++) {
            PipelineConfig.RegionConfig region = config.regions().get(i);
            String at = "regions[" + i + "]";
            require(source, at + ".name", region.name());
            if (!names.add(region.name())) {
                throw new ConfigException(source + ": '" + at + ".name' repeats region '" + region.name() + "'; region names must be unique");
            }
            if (region.postgres() == null) {
                throw new ConfigException(source + ": missing key '" + at + ".postgres'");
            }
            require(source, at + ".postgres.host", region.postgres().host());
            require(source, at + ".postgres.database", region.postgres().database());
            require(source, at + ".postgres.user", region.postgres().user());
            if (region.postgres().passwordEnv() == null && region.postgres().passwordFile() == null) {
                throw new ConfigException(source + ": '" + at + ".postgres' needs 'passwordEnv' (an environment variable) or "
                        + "'passwordFile' (a file holding the password); passwords are never written in the config itself");
            }
            if (region.kafka() == null) {
                throw new ConfigException(source + ": missing key '" + at + ".kafka'");
            }
            require(source, at + ".kafka.bootstrapServers", region.kafka().bootstrapServers());
            if (region.kafka().security() != null) {
                validate(region.kafka().security(), source, at + ".kafka.security");
            }
        }
        if (config.registry() == null) {
            throw new ConfigException(source + ": missing key 'registry'");
        }
        require(source, "registry.url", config.registry().url());
        PipelineConfig.RegistryConfig registry = config.registry();
        if (registry.username() != null) {
            requireSecret(source, "registry", "password", registry.passwordEnv(), registry.passwordFile());
        } else if (registry.passwordEnv() != null || registry.passwordFile() != null) {
            throw new ConfigException(source + ": 'registry' sets a password but no 'username'; give both, or neither for a registry without authentication");
        }
        if (config.capture().heartbeatIntervalMs() <= 0) {
            throw new ConfigException(source + ": 'capture.heartbeatIntervalMs' must be positive");
        }
        if (config.capture().pollIntervalMs() <= 0) {
            throw new ConfigException(source + ": 'capture.pollIntervalMs' must be positive");
        }
        if (config.processing() != null) {
            validate(config.processing(), source);
        }
        if (config.metrics() != null && (config.metrics().port() == null || config.metrics().port() < 0 || config.metrics().port() > 65535)) {
            throw new ConfigException(source + ": 'metrics.port' must be a port number (0 for any free port); remove the 'metrics' section "
                    + "to serve no metrics");
        }
        if (config.alerts() != null) {
            validate(config.alerts(), source);
        }
        if (config.failover() != null) {
            validate(config.failover(), names, source);
        }
        if (config.console() != null) {
            validate(config.console(), source);
            for (int i = 0; i < config.regions().size(); i++) {
                PipelineConfig.KafkaSecurityConfig k = config.regions().get(i).kafka().security();
                if (config.console().kafka() != null && (k == null || !k.protocol().startsWith("SASL_"))) {
                    throw new ConfigException(source + ": 'console.kafka' names a SASL user, but 'regions[" + i + "].kafka.security' "
                            + "authenticates none; give that region SASL_SSL or SASL_PLAINTEXT, or remove 'console.kafka'");
                }
            }
        }
        if (config.schemas() != null) {
            level(source, "schemas.compatibility", config.schemas().compatibility());
            config.schemas().subjects().forEach((subject, level) -> level(source, "schemas.subjects." + subject, level));
        }
        return config;
    }

    private static void validate(PipelineConfig.FailoverConfig failover, Set<String> regions, String source) {
        if (regions.size() < 2) {
            throw new ConfigException(source + ": 'failover' needs two or more regions to move processing between; remove the section "
                    + "or add a region");
        }
        if (failover.primary() != null && !regions.contains(failover.primary())) {
            throw new ConfigException(source + ": 'failover.primary' is '" + failover.primary() + "', which is not a configured region; use one of "
                    + new java.util.TreeSet<>(regions));
        }
        if (failover.detectionTimeoutMs() < 0) {
            throw new ConfigException(source + ": 'failover.detectionTimeoutMs' must not be negative (0: move only on a command)");
        }
    }

    private static void validate(PipelineConfig.AlertsConfig alerts, String source) {
        for (int i = 0; i < alerts.webhooks().size(); i++) {
            PipelineConfig.WebhookConfig w = alerts.webhooks().get(i);
            String at = "alerts.webhooks[" + i + "]";
            int given = (w.url() != null ? 1 : 0) + (w.urlEnv() != null ? 1 : 0) + (w.urlFile() != null ? 1 : 0);
            if (given != 1) {
                throw new ConfigException(source + ": '" + at + "' needs exactly one of 'url', 'urlEnv' and 'urlFile' (a Slack URL is a secret: "
                        + "give it by urlEnv or urlFile)");
            }
            if (w.format() != null && !w.format().equals("slack") && !w.format().equals("json")) {
                throw new ConfigException(source + ": '" + at + ".format' is '" + w.format() + "'; use slack or json");
            }
        }
        for (var e : alerts.rules().entrySet()) {
            if (e.getValue() != null && e.getValue().forSeconds() != null && e.getValue().forSeconds() < 0) {
                throw new ConfigException(source + ": 'alerts.rules." + e.getKey() + ".forSeconds' must not be negative");
            }
        }
    }

    private static void validate(PipelineConfig.ProcessingConfig p, String source) {
        if (!p.restBind().equals(PipelineConfig.ProcessingConfig.LOOPBACK) && !p.restBind().equals(PipelineConfig.ProcessingConfig.EVERY_INTERFACE)) {
            throw new ConfigException(source + ": 'processing.restBind' is '" + p.restBind() + "'; use 127.0.0.1 (this machine only) or "
                    + "0.0.0.0 (every interface), and 'processing.restAdvertise' for the host other machines reach it at");
        }
        if (p.parallelism() < 1) {
            throw new ConfigException(source + ": 'processing.parallelism' must be at least 1");
        }
        if (p.checkpointIntervalMs() < 100) {
            throw new ConfigException(source + ": 'processing.checkpointIntervalMs' must be at least 100");
        }
        if (p.flushIntervalMs() < 1) {
            throw new ConfigException(source + ": 'processing.flushIntervalMs' must be positive");
        }
        if (!p.visibility().equals("transaction") && !p.visibility().equals("checkpoint")) {
            throw new ConfigException(source + ": 'processing.visibility' is '" + p.visibility()
                    + "'; use 'transaction' (views advance as each transaction is written) or 'checkpoint' (at checkpoint completion)");
        }
        require(source, "processing.checkpointDir", p.checkpointDir());
        if (!p.checkpointDir().matches("[a-z0-9]+://.+")) {
            throw new ConfigException(source + ": 'processing.checkpointDir' is '" + p.checkpointDir()
                    + "'; give a URI such as s3p://bucket/path, s3a://bucket/path or file:///var/lib/driftwatch/checkpoints");
        }
        if (p.checkpointDir().startsWith("s3")) {
            if (p.s3() == null) {
                throw new ConfigException(source + ": 'processing.checkpointDir' is on S3, so 'processing.s3' (endpoint and keys) is required");
            }
            require(source, "processing.s3.endpoint", p.s3().endpoint());
            requireSecret(source, "processing.s3", "accessKey", p.s3().accessKeyEnv(), p.s3().accessKeyFile());
            requireSecret(source, "processing.s3", "secretKey", p.s3().secretKeyEnv(), p.s3().secretKeyFile());
        }
        if (p.clickhouse() == null) {
            throw new ConfigException(source + ": missing key 'processing.clickhouse' (url, user, passwordEnv or passwordFile)");
        }
        require(source, "processing.clickhouse.url", p.clickhouse().url());
        require(source, "processing.clickhouse.user", p.clickhouse().user());
        requireSecret(source, "processing.clickhouse", "password", p.clickhouse().passwordEnv(), p.clickhouse().passwordFile());
        if (p.clickhouse().gateway() != null && (p.clickhouse().gateway().port() == null || p.clickhouse().gateway().port() < 0
                || p.clickhouse().gateway().port() > 65_535)) {
            throw new ConfigException(source + ": 'processing.clickhouse.gateway.port' must be a port number (0: any free port), was "
                    + p.clickhouse().gateway().port());
        }
    }

    private static void validate(PipelineConfig.ConsoleConfig console, String source) {
        if (console.postgres() != null) {
            require(source, "console.postgres.user", console.postgres().user());
            requireSecret(source, "console.postgres", "password", console.postgres().passwordEnv(), console.postgres().passwordFile());
        }
        if (console.kafka() != null) {
            require(source, "console.kafka.username", console.kafka().username());
            requireSecret(source, "console.kafka", "password", console.kafka().passwordEnv(), console.kafka().passwordFile());
        }
        if (console.clickhouse() != null) {
            require(source, "console.clickhouse.user", console.clickhouse().user());
            requireSecret(source, "console.clickhouse", "password", console.clickhouse().passwordEnv(), console.clickhouse().passwordFile());
        }
        if (console.registry() != null) {
            require(source, "console.registry.username", console.registry().username());
            requireSecret(source, "console.registry", "password", console.registry().passwordEnv(), console.registry().passwordFile());
        }
    }

    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private static void validate(PipelineConfig.KafkaSecurityConfig k, String source, String at) {
        require(source, at + ".protocol", k.protocol());
        if (!PROTOCOLS.contains(k.protocol())) {
            throw new ConfigException(source + ": '" + at + ".protocol' is '" + k.protocol() + "'; use one of " + PROTOCOLS);
        }
        boolean sasl = k.protocol().startsWith("SASL_");
        if (sasl) {
            if (k.mechanism() != null && !MECHANISMS.contains(k.mechanism())) {
                throw new ConfigException(source + ": '" + at + ".mechanism' is '" + k.mechanism() + "'; use one of " + MECHANISMS);
            }
            require(source, at + ".username", k.username());
            requireSecret(source, at, "password", k.passwordEnv(), k.passwordFile());
        } else if (k.mechanism() != null || k.username() != null || k.passwordEnv() != null || k.passwordFile() != null) {
            throw new ConfigException(source + ": '" + at + "' sets a SASL user, but protocol " + k.protocol()
                    + " does not authenticate with one; use SASL_SSL or SASL_PLAINTEXT");
        }
        boolean tls = k.protocol().equals("SSL") || k.protocol().equals("SASL_SSL");
        if (!tls && k.truststoreFile() != null) {
            throw new ConfigException(source + ": '" + at + ".truststoreFile' needs TLS; use protocol SSL or SASL_SSL");
        }
    }

    /**
     * A region's Kafka security with its secrets resolved from the environment or files;
     * plaintext when the region configures none.
     */
    public static io.driftwatch.engine.transport.KafkaSecurity kafkaSecurity(PipelineConfig.KafkaConfig kafka, String regionKey) {
        PipelineConfig.KafkaSecurityConfig k = kafka.security();
        if (k == null) {
            return io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT;
        }
        String at = regionKey + ".kafka.security";
        boolean sasl = k.protocol().startsWith("SASL_");
        String truststorePassword = k.truststorePasswordEnv() == null && k.truststorePasswordFile() == null ? null
                : secret(k.truststorePasswordEnv(), k.truststorePasswordFile(), at + ".truststorePassword");
        return new io.driftwatch.engine.transport.KafkaSecurity(k.protocol(),
                sasl ? java.util.Objects.requireNonNullElse(k.mechanism(), "SCRAM-SHA-512") : null,
                sasl ? k.username() : null, sasl ? secret(k.passwordEnv(), k.passwordFile(), at + ".password") : null,
                k.truststoreFile(), truststorePassword);
    }

    private static void level(String source, String key, String level) {
        if (level == null) {
            return;
        }
        try {
            io.driftwatch.engine.schema.CompatibilityLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": '" + key + "' is '" + level + "'; use one of "
                    + io.driftwatch.engine.schema.CompatibilityLevel.validNames());
        }
    }

    private static void requireSecret(String source, String at, String name, String env, String file) {
        if (env == null && file == null) {
            throw new ConfigException(source + ": '" + at + "' needs '" + name + "Env' (an environment variable) or '" + name
                    + "File' (a file holding it); secrets are never written in the config itself");
        }
    }

    private static void require(String source, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(source + ": missing key '" + key + "'");
        }
    }

    /**
     * The registry's URL as the engine's clients take it: with the configured credentials (the
     * password resolved from the environment or its file) as the URL's user information, which
     * {@link io.driftwatch.engine.registry.SchemaRegistryClient} turns into HTTP Basic and strips
     * from every URL it shows.
     */
    public static String registryUrl(PipelineConfig.RegistryConfig registry) {
        if (registry.username() == null) {
            return registry.url();
        }
        String password = secret(registry.passwordEnv(), registry.passwordFile(), "registry.password");
        return io.driftwatch.engine.registry.RegistryCredentials.embed(registry.url(), registry.username(), password);
    }

    /** Resolves a region's PostgreSQL password from the environment or a file, naming what is missing. */
    public static String password(PipelineConfig.PostgresConfig pg, String regionKey) {
        return secret(pg.passwordEnv(), pg.passwordFile(), regionKey + ".postgres.password");
    }

    /**
     * Resolves a secret from the environment variable {@code env} or the file {@code file};
     * {@code key} (such as {@code processing.s3.secretKey}) names it in errors.
     */
    public static String secret(String env, String file, String key) {
        if (env != null) {
            String value = System.getenv(env);
            if (value == null) {
                throw new ConfigException("'" + key + "Env' names the environment variable " + env + ", which is not set");
            }
            return value;
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new ConfigException("'" + key + "File': cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        List<JsonMappingException.Reference> refs = e.getPath();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String where(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return file + (location != null && location.getLineNr() > 0 ? " line " + location.getLineNr() : "") + ": ";
    }

    private static String article(Class<?> type) {
        if (type == null) return "a different type";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a " + type.getSimpleName() + " section";
    }
}
