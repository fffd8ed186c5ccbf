package io.driftwatch.engine.stack;

import io.driftwatch.engine.naming.Regions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a local stack consists of and where it lives.
 *
 * @param secure every region's Kafka also listens with SCRAM over TLS and authorizes by ACL, and the
 *               stack has its own users for the engine and for consoles (see {@link StackUsers})
 */
public record StackConfig(Path dir, List<String> regions, StackBinaries binaries, Duration startTimeout, boolean flinkCluster,
                          boolean secure) {

    public StackConfig {
        dir = dir.toAbsolutePath().normalize();
        regions = List.copyOf(regions);
    }

    /** Without a Flink cluster. */
    public StackConfig(Path dir, List<String> regions, StackBinaries binaries, Duration startTimeout) {
        this(dir, regions, binaries, startTimeout, false, false);
    }

    /** Also a standalone Flink session cluster: a JobManager and two TaskManagers. */
    public StackConfig withFlinkCluster(boolean on) {
        return new StackConfig(dir, regions, binaries, startTimeout, on, secure);
    }

    /** Kafka with SCRAM over TLS and ACLs, and users of its own for the engine and for consoles. */
    public StackConfig withSecurity(boolean on) {
        return new StackConfig(dir, regions, binaries, startTimeout, flinkCluster, on);
    }

    /** A stack once secured stays secured: its brokers' users and ACLs would otherwise be open to anyone on its plaintext port. */
    public static StackConfig of(Path dir, int regionCount) {
        return new StackConfig(dir, Regions.first(regionCount), StackBinaries.discover(), Duration.ofMinutes(3))
                .withSecurity(StackUsers.securedIn(dir.toAbsolutePath().normalize()));
    }

    /**
     * How many regions the stack in {@code dir} holds data for: two once a second region's
     * PostgreSQL has a data directory there, else {@code fallback} — so starting a stack again
     * brings back every region it had.
     */
    public static int regionsIn(Path dir, int fallback) {
        return java.nio.file.Files.isDirectory(dir.resolve("postgres-" + Regions.SECONDARY)) ? Regions.ALL.size() : fallback;
    }

    /** The default directory, {@code ~/.driftwatch/stack}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".driftwatch", "stack");
    }
}
