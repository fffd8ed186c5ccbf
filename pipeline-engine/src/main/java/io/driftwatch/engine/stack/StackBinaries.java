package io.driftwatch.engine.stack;

import io.driftwatch.engine.cluster.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the programs the local stack runs are installed.
 *
 * <p>Each lookup fails with a message that names what is missing and how to get it, because a
 * missing binary is the most common first-run problem.
 */
public record StackBinaries(Path java, String classpath, Path postgresBin, Path clickhouseServer, Path registryJar) {

    public static final String APICURIO_RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

    /** Discovers every binary from system properties, environment variables and standard locations. */
    public static StackBinaries discover() {
        Path dist = Distribution.directory();
        return new StackBinaries(javaExecutable(), childClasspath(dist), findPostgresBin(), findClickhouseServer(),
                dist.resolve("apicurio").resolve(APICURIO_RUNNER));
    }

    /** Fails with a clear message when something needed is not installed. */
    public StackBinaries requireInstalled() {
        require(postgresBin.resolve("postgres"), "PostgreSQL server (postgres)",
                "install Debian's postgresql-15 (./driftwatch does it on first use) or set DRIFTWATCH_POSTGRES_BIN to the directory holding postgres and initdb");
        require(postgresBin.resolve("initdb"), "PostgreSQL initdb", "install Debian's postgresql-15");
        require(clickhouseServer, "ClickHouse server", "install Debian's clickhouse-server (./driftwatch does it on first use) or set DRIFTWATCH_CLICKHOUSE_SERVER");
        require(registryJar, "Schema Registry distribution (Apicurio " + APICURIO_RUNNER + ")",
                "build the engine once (mvn -pl pipeline-engine -am package, which ./driftwatch runs on first use) or set -Ddriftwatch.dist to its target/dist directory");
        return this;
    }

    private static void require(Path path, String what, String fix) {
        if (!Files.exists(path)) {
            throw new StackException(what + " not found at " + path + ". Fix: " + fix + ".");
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static String childClasspath(Path dist) {
        Path file = dist.resolve("classpath.txt");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
        } catch (IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage());
        }
        return System.getProperty("java.class.path");
    }

    private static Path findPostgresBin() {
        String configured = System.getenv("DRIFTWATCH_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions
                        .filter(v -> Files.isExecutable(v.resolve("bin").resolve("postgres")))
                        .max(Comparator.comparingInt(StackBinaries::majorVersion));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                // fall through to the default location in the error message
            }
        }
        return root.resolve("15").resolve("bin");
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path findClickhouseServer() {
        String configured = System.getenv("DRIFTWATCH_CLICKHOUSE_SERVER");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/sbin/clickhouse-server");
    }
}
