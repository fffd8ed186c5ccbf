package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.failover.MirrorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka's MirrorMaker 2 in dedicated mode, one child JVM replicating every region's topics to
 * every other region, with checkpoints and offset syncs at failover-friendly intervals (see
 * {@link MirrorSettings}). It serves no clients, so it has no port; it "answers" once each
 * region's heartbeats have arrived in the other region, which proves both flows run end to end.
 */
final class MirrorMakerServer implements ManagedServer {
    private final Path home;
    private final Map<String, StackEndpoints.Kafka> kafkaByRegion;
    private final StackBinaries binaries;
    private final Probes probes;
    private ChildProcess process;

    MirrorMakerServer(Path home, Map<String, StackEndpoints.Kafka> kafkaByRegion, StackBinaries binaries, Probes probes) {
        this.home = home;
        this.kafkaByRegion = Map.copyOf(kafkaByRegion);
        this.binaries = binaries;
        this.probes = probes;
    }

    @Override public String name() { return "mirror"; }
    @Override public String region() { return null; }
    @Override public int port() { return 0; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        Files.createDirectories(home.resolve("log"));
        Path config = home.resolve("mm2.properties");
        Map<String, String> bootstrap = new java.util.TreeMap<>();
        kafkaByRegion.forEach((region, kafka) -> bootstrap.put(region, kafka.bootstrapServers()));
        Files.writeString(config, MirrorSettings.dedicatedProperties(bootstrap));
        Path logback = home.resolve("logback.xml");
        Files.writeString(logback, ChildLogging.logbackToStdout("INFO"));
        List<String> command = new ArrayList<>(List.of(binaries.java().toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logback,
                "-cp", binaries.classpath() + java.io.File.pathSeparator + engineCode(),
                io.driftwatch.engine.failover.MirrorMakerMain.class.getName(), config.toString()));
        process = spawner.spawn(name(), command, ProcessSpawner.Privilege.SAME_USER, logFile(), Map.of());
    }

    /** Where the engine's own classes are (its jar, or the build's classes directory): the launcher class lives there. */
    private static String engineCode() throws IOException {
        try {
            return Path.of(io.driftwatch.engine.failover.MirrorMakerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where the engine's classes are: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean answers() {
        return probes.mirror(kafkaByRegion);
    }

    @Override
    public java.time.Duration stopGrace() {
        return java.time.Duration.ofSeconds(15);
    }
}
