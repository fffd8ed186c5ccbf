package io.driftwatch.engine.api;

import io.driftwatch.engine.naming.Regions;
import java.util.List;
import java.util.Map;

/**
 * Where every server of a stack answers, and with which credentials.
 *
 * <p>This is the one value the rest of the engine, the console and the tests read to reach a
 * stack, whether it was started locally or described by a config file for real endpoints.
 */
public record StackEndpoints(
        Map<String, RegionEndpoints> regions,
        Registry registry,
        ClickHouse clickhouse,
        ObjectStore s3,
        Flink flink) {

    public StackEndpoints {
        regions = Map.copyOf(regions);
    }

    /** A stack without a Flink cluster: the processing job runs in a local MiniCluster. */
    public StackEndpoints(Map<String, RegionEndpoints> regions, Registry registry, ClickHouse clickhouse, ObjectStore s3) {
        this(regions, registry, clickhouse, s3, null);
    }

    /** The standalone Flink cluster, if the stack runs one. */
    public java.util.Optional<Flink> flinkCluster() {
        return java.util.Optional.ofNullable(flink);
    }

    /** The region names in a stable order: the primary region first. */
    public List<String> regionNames() {
        return regions.keySet().stream().sorted(Regions.PRIMARY_FIRST).toList();
    }

    public RegionEndpoints region(String name) {
        RegionEndpoints region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("unknown region '" + name + "'; known: " + regionNames());
        }
        return region;
    }

    public record RegionEndpoints(Postgres postgres, Kafka kafka) {}

    public record Postgres(String jdbcUrl, String host, int port, String user, String password, String database) {
        @Override
        public String toString() {
            return "Postgres[" + jdbcUrl + ", user=" + user + ", password=****]";
        }
    }

    /** A region's Kafka and how its clients authenticate (plaintext unless said otherwise). */
    public record Kafka(String bootstrapServers, io.driftwatch.engine.transport.KafkaSecurity security) {
        public Kafka {
            security = security == null ? io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT : security;
        }

        public Kafka(String bootstrapServers) {
            this(bootstrapServers, null);
        }

        /** Client settings for this Kafka: its bootstrap servers and its security. */
        public java.util.Map<String, Object> clientProperties() {
            java.util.Map<String, Object> p = new java.util.HashMap<>(security.clientProperties());
            p.put("bootstrap.servers", bootstrapServers);
            return p;
        }
    }

    /** The registry; its URL may carry a login (see {@link io.driftwatch.engine.registry.RegistryCredentials}), never printed. */
    public record Registry(String url) {
        @Override
        public String toString() {
            return "Registry[" + io.driftwatch.engine.registry.RegistryCredentials.redact(url) + "]";
        }
    }

    public record ClickHouse(String url, String user, String password) {
        @Override
        public String toString() {
            return "ClickHouse[" + url + ", user=" + user + ", password=****]";
        }
    }

    /** A Flink cluster's REST API (jobs, jar uploads, savepoints; also its web UI). */
    public record Flink(String restUrl) {}

    public record ObjectStore(String endpoint, String bucket, String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "ObjectStore[" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey + ", secretKey=****]";
        }
    }
}
