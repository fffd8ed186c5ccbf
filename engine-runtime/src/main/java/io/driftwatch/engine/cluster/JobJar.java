package io.driftwatch.engine.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the build put the job jar ({@code driftwatch-engine-core-VERSION-job.jar}, in the engine's {@code dist} directory). */
public final class JobJar {
    private JobJar() {}

    /** {@code -Ddriftwatch.jobJar}, {@code DRIFTWATCH_JOB_JAR}, or the build's output; fails with how to build it. */
    public static Path locate() {
        String configured = Optional.ofNullable(System.getProperty("driftwatch.jobJar")).orElse(System.getenv("DRIFTWATCH_JOB_JAR"));
        if (configured != null && !configured.isBlank()) {
            return require(Path.of(configured));
        }
        Path target = Distribution.directory();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("driftwatch-engine-core-.*-job\\.jar")).findFirst()
                    .orElseThrow(() -> missing(target.resolve("driftwatch-engine-core-VERSION-job.jar")));
        } catch (IOException e) {
            throw missing(target.resolve("driftwatch-engine-core-VERSION-job.jar"));
        }
    }

    private static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw missing(jar);
        }
        return jar;
    }

    private static IllegalStateException missing(Path jar) {
        return new IllegalStateException("the job jar " + jar + " is missing; build it with 'mvn -pl pipeline-engine -am package' (engine-core builds it, the engine module copies it there) "
                + "(./driftwatch does on first use) or set -Ddriftwatch.jobJar");
    }
}
