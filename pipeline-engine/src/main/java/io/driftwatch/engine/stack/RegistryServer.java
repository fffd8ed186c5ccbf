package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Schema Registry: Apicurio Registry 2.6, which speaks the Confluent REST API under
 * {@code /apis/ccompat/v7}.
 *
 * <p>Its default storage is an in-memory H2 database; pointing the same SQL storage at an H2
 * file under the registry's data directory makes schemas survive a restart.
 */
final class RegistryServer implements ManagedServer {
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final Path home;
    private final int port;
    private final StackBinaries binaries;
    private final Probes probes;
    private ChildProcess process;

    RegistryServer(Path home, int port, StackBinaries binaries, Probes probes) {
        this.home = home;
        this.port = port;
        this.binaries = binaries;
        this.probes = probes;
    }

    StackEndpoints.Registry endpoint() {
        return new StackEndpoints.Registry("http://127.0.0.1:" + port + CCOMPAT_PATH);
    }

    @Override public String name() { return "registry"; }
    @Override public String region() { return null; }
    @Override public int port() { return port; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        Files.createDirectories(dataDir());
        process = spawner.spawn(name(), List.of(binaries.java().toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.enabled=false",
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.apicurio\".level=INFO",
                "-jar", binaries.registryJar().toString()),
                ProcessSpawner.Privilege.SAME_USER, logFile(),
                Map.of("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir().resolve("registry")));
    }

    @Override
    public boolean answers() {
        return probes.registry(endpoint());
    }
}
