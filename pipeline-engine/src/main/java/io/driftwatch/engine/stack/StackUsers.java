package io.driftwatch.engine.stack;

import java.nio.file.Path;
import java.util.Map;

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

    /** The generated secrets of the stack's users and of its TLS key; never printed. */
    public record Passwords(String tlsKey, String truststore, String engineKafka, String consoleKafka, String postgresMonitor,
                            String clickhouseConsole, String registryEngine, String registryConsole) {
        @Override
        public String toString() {
            return "Passwords[****]";
        }
    }
}
