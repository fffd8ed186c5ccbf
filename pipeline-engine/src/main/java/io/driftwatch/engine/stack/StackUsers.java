package io.driftwatch.engine.stack;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a secured local stack ({@link StackConfig#secure}) is reached: each region's SCRAM-over-TLS
 * listener, the trust store for the brokers' certificate, and the passwords of its users — the
 * engine's Kafka user (a super user, as a pipeline's service account often is) and the
 * workstation's least-privilege users: a Kafka user with the ACLs of
 * {@link io.driftwatch.engine.access.ConsoleGrants}, a PostgreSQL monitoring role and a read-only
 * ClickHouse user.
 *
 * @param tlsBootstrap region → {@code host:port} of its SCRAM-over-TLS listener
 * @param registryUrl  the registry behind its login ({@link RegistryGate}): the engine writes as
 *                     {@link #ENGINE_REGISTRY_USER}, the console reads as {@link #CONSOLE_REGISTRY_USER}
 */
public record StackUsers(Map<String, String> tlsBootstrap, Path truststore, String registryUrl, Passwords passwords) {
    public static final String ENGINE_KAFKA_USER = "driftwatch";
    public static final String CONSOLE_KAFKA_USER = "dw_console";
    public static final String POSTGRES_MONITOR = "dw_monitor";
    public static final String CLICKHOUSE_CONSOLE = "dw_console";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ENGINE_REGISTRY_USER = "driftwatch";
    public static final String CONSOLE_REGISTRY_USER = "dw_console";

    public StackUsers {
        tlsBootstrap = Map.copyOf(tlsBootstrap);
    }

    /** Where a secured stack keeps its TLS key and trust store; its presence marks the directory as secured. */
    static Path tlsDir(Path stackDir) {
        return stackDir.resolve("tls");
    }

    /** Whether the stack in {@code dir} was started secured (a restart keeps it so, whatever the command line says). */
    public static boolean securedIn(Path dir) {
        return Files.isDirectory(tlsDir(dir));
    }

    /**
     * The users of the secured stack running in {@code dir}, as its manifest and secrets record
     * them (for {@code stack config} and the demo, in another process than the stack's); empty
     * for a plaintext stack.
     */
    public static Optional<StackUsers> of(Path dir) {
        Optional<StackManifest> manifest = StackManifest.read(dir);
        if (manifest.isEmpty() || !manifest.get().ports().containsKey("registry.gate")) {
            return Optional.empty();
        }
        Map<String, Integer> ports = manifest.get().ports();
        Map<String, String> tls = new LinkedHashMap<>();
        manifest.get().endpoints().regionNames().forEach(r -> tls.put(r, "127.0.0.1:" + ports.get("kafka-" + r + ".tls")));
        try {
            StackSecrets secrets = StackSecrets.loadOrGenerate(dir.resolve("secrets.properties"));
            return Optional.of(new StackUsers(tls, tlsDir(dir).resolve("truststore.p12"), "http://127.0.0.1:" + ports.get("registry.gate")
                    + RegistryServer.CCOMPAT_PATH, secrets.users()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's secrets in " + dir, e);
        }
    }

    /**
     * Grants the console's Kafka user its ACLs for the pipeline {@code topicPrefix} in every region
     * of the stack (through its loopback listener, whose principal is a super user); with
     * {@code commands} false, without the command topic. Granting again changes nothing.
     */
    public static void grantConsole(StackEndpoints endpoints, String topicPrefix, boolean commands) {
        for (String region : endpoints.regionNames()) {
            var all = io.driftwatch.engine.access.ConsoleGrants.kafka(CONSOLE_KAFKA_USER, topicPrefix, region, endpoints.regionNames());
            var acls = commands ? all : io.driftwatch.engine.access.ConsoleGrants.kafkaReadOnly(CONSOLE_KAFKA_USER, topicPrefix, region,
                    endpoints.regionNames());
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                    org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.region(region).kafka().bootstrapServers()))) {
                if (!commands) {
                    admin.deleteAcls(all.stream().filter(a -> !acls.contains(a)).map(org.apache.kafka.common.acl.AclBinding::toFilter).toList())
                            .all().get();
                }
                admin.createAcls(acls).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new StackException("kafka-" + region + " refused the console's ACLs: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while granting the console's ACLs", e);
            }
        }
    }

    /** The generated secrets of the stack's users and of its TLS key; never printed. */
    public record Passwords(String tlsKey, String truststore, String engineKafka, String consoleKafka, String postgresMonitor,
                            String clickhouseConsole, String registryEngine, String registryConsole) {
        @Override
        public String toString() {
            return "Passwords[****]";
        }
    }
}
