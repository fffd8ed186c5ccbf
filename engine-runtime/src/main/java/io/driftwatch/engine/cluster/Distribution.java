package io.driftwatch.engine.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the build (or the installed app) laid out what the engine runs besides its own classes:
 * the job jar, the class path of the servers it starts and the Schema Registry's distribution.
 * {@code -Ddriftwatch.dist}, {@code DRIFTWATCH_DIST}, or the build's output in a checkout.
 */
public final class Distribution {
    private Distribution() {}

    public static Path directory() {
        String configured = Optional.ofNullable(System.getProperty("driftwatch.dist")).orElse(System.getenv("DRIFTWATCH_DIST"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of("pipeline-engine", "target", "dist").toAbsolutePath();
    }
}
