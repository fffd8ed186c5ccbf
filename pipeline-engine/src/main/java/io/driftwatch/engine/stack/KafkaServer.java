package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A region's single-node Kafka broker in KRaft mode (broker and controller in one JVM), run as a
 * child JVM so that fault tests can kill it like a real broker.
 *
 * <p>Single node means replication factor 1 for every internal topic, including the share
 * coordinator's, or the broker never becomes ready. Topic auto-creation is off: the engine
 * creates every topic with explicit settings.
 */
final class KafkaServer implements ManagedServer {
    private final String region;
    private final Path home;
    private final int port;
    private final int controllerPort;
    private final StackBinaries binaries;
    private final Probes probes;
    private final SecureListeners secure;
    private ChildProcess process;

    /**
     * Listeners that authenticate, besides the plaintext one the stack and its probes use:
     * SASL/SCRAM (SHA-256 and SHA-512) without TLS, and optionally, with the given PKCS12 key
     * store, SASL/SCRAM over TLS and TLS without SASL. The key store password is written only to
     * the broker's {@code server.properties} (mode 600), never to a command line.
     */
    record SecureListeners(int scramPort, int tlsPort, int sslPort, Path keystore, String keystorePassword, List<String> superUsers,
                           Map<String, String> scramUsers) {
        SecureListeners {
            superUsers = superUsers == null ? null : List.copyOf(superUsers);
            scramUsers = scramUsers == null ? Map.of() : Map.copyOf(scramUsers);
        }

        /** Authenticating listeners that authorize nothing: every authenticated user may do anything. */
        SecureListeners(int scramPort, int tlsPort, int sslPort, Path keystore, String keystorePassword) {
            this(scramPort, tlsPort, sslPort, keystore, keystorePassword, null, null);
        }

        @Override
        public String toString() {
            return "SecureListeners[scram " + scramPort + ", scram over tls " + tlsPort + ", tls " + sslPort + ", keystore " + keystore
                    + ", password ****]";
        }
    }

    KafkaServer(String region, Path home, int port, int controllerPort, StackBinaries binaries, Probes probes) {
        this(region, home, port, controllerPort, binaries, probes, null);
    }

    KafkaServer(String region, Path home, int port, int controllerPort, StackBinaries binaries, Probes probes, SecureListeners secure) {
        this.secure = secure;
        this.region = region;
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
        this.binaries = binaries;
        this.probes = probes;
    }

    StackEndpoints.Kafka endpoint() {
        return new StackEndpoints.Kafka("127.0.0.1:" + port);
    }

    SecureListeners secureListeners() {
        return secure;
    }

    int controllerPort() {
        return controllerPort;
    }

    @Override public String name() { return "kafka-" + region; }
    @Override public String region() { return region; }
    @Override public int port() { return port; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        Path config = home.resolve("server.properties");
        Files.createDirectories(dataDir());
        Files.deleteIfExists(config);
        Files.createFile(config, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, serverProperties());
        Path logback = home.resolve("logback.xml");
        Files.writeString(logback, ChildLogging.logbackToStdout("INFO"));
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            spawner.runToCompletion("kafka-format-" + region,
                    java(logback, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                            "-c", config.toString(), "--ignore-formatted"),
                    ProcessSpawner.Privilege.SAME_USER, home.resolve("log").resolve("format.log"), Map.of(),
                    Duration.ofMinutes(2));
        }
        process = spawner.spawn(name(), java(logback, "kafka.Kafka", config.toString()),
                ProcessSpawner.Privilege.SAME_USER, logFile(), Map.of());
    }

    private List<String> java(Path logback, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.java().toString(),
                "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logback,
                "-cp", binaries.classpath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    String serverProperties() {
        String listeners = "PLAINTEXT://127.0.0.1:" + port;
        String advertised = "PLAINTEXT://127.0.0.1:" + port;
        List<String> extra = new ArrayList<>();
        if (secure != null) {
            listeners += ",SASL_PLAINTEXT://127.0.0.1:" + secure.scramPort();
            advertised += ",SASL_PLAINTEXT://127.0.0.1:" + secure.scramPort();
            extra.add("sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256");
            extra.add("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                    + "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            extra.add("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
                    + "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            if (secure.superUsers() != null) {
                // KRaft's own authorizer; the plaintext loopback listener and the controller (ANONYMOUS) are the stack's own tools.
                extra.add("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                extra.add("super.users=" + String.join(";", java.util.stream.Stream.concat(java.util.stream.Stream.of("ANONYMOUS"),
                        secure.superUsers().stream()).map(u -> "User:" + u).toList()));
            }
            if (secure.keystore() != null) {
                listeners += ",SASL_SSL://127.0.0.1:" + secure.tlsPort() + ",SSL://127.0.0.1:" + secure.sslPort();
                advertised += ",SASL_SSL://127.0.0.1:" + secure.tlsPort() + ",SSL://127.0.0.1:" + secure.sslPort();
                extra.add("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                extra.add("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                extra.add("ssl.keystore.type=PKCS12");
                extra.add("ssl.keystore.location=" + secure.keystore());
                extra.add("ssl.keystore.password=" + secure.keystorePassword());
                extra.add("ssl.key.password=" + secure.keystorePassword());
            }
        }
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + listeners + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + advertised,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL",
                String.join("\n", extra),
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.backoff.ms=5000",
                "") ;
    }

    /** Gives the secure listeners' users their SCRAM credentials (again after a restart: an upsert changes nothing). */
    @Override
    public void afterReady() throws IOException {
        if (secure == null || secure.scramUsers().isEmpty()) {
            return;
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint().bootstrapServers()))) {
            admin.alterUserScramCredentials(secure.scramUsers().entrySet().stream().map(u ->
                    (org.apache.kafka.clients.admin.UserScramCredentialAlteration) new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                            u.getKey(), new org.apache.kafka.clients.admin.ScramCredentialInfo(
                            org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096), u.getValue())).toList()).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot give " + name() + "'s users their SCRAM credentials: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while giving " + name() + "'s users their credentials", e);
        }
    }

    @Override
    public boolean answers() {
        return probes.kafka(endpoint());
    }
}
