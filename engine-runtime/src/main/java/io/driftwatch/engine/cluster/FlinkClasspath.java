package io.driftwatch.engine.cluster;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The class path of a standalone Flink cluster's processes: Flink's published jars and the
 * libraries they need, picked from the engine's own class path — what a Flink distribution's
 * {@code lib/} holds, and nothing more.
 *
 * <p>Why so strict: a job jar is only proven self-contained on a cluster that lacks what the jar
 * must bring. The Kafka connector, Kafka's client, Avro, Jackson and the engine itself are
 * therefore kept off this path; and Flink resolves {@code org.apache.flink} classes parent-first,
 * so a connector on the cluster's path would shadow the one in the jar.
 */
public final class FlinkClasspath {
    /** Repository paths (Maven layout) of what the cluster runs on. */
    private static final List<String> CLUSTER = List.of(
            "/org/apache/flink/",
            "/org/slf4j/slf4j-api/", "/ch/qos/logback/",
            "/com/esotericsoftware/", "/org/objenesis/", "/org/snakeyaml/",
            "/org/apache/commons/commons-lang3/", "/org/apache/commons/commons-text/", "/org/apache/commons/commons-math3/",
            "/commons-cli/", "/commons-io/", "/org/javassist/", "/tools/profiler/", "/org/lz4/lz4-java/",
            "/com/google/code/findbugs/", "/com/ververica/frocksdbjni/");

    /** Job-side jars under {@code org.apache.flink}: they travel in the job jar. */
    private static final List<String> JOB_SIDE = List.of("/flink-connector-kafka/");

    private FlinkClasspath() {}

    /** The entries of {@code engineClasspath} a Flink cluster process runs with, in their order. */
    public static String of(String engineClasspath) {
        String path = Arrays.stream(engineClasspath.split(File.pathSeparator))
                .filter(FlinkClasspath::belongsToCluster)
                .collect(Collectors.joining(File.pathSeparator));
        if (!path.contains("flink-runtime")) {
            throw new IllegalArgumentException("no flink-runtime jar in the engine's class path; build the engine first");
        }
        return path;
    }

    static boolean belongsToCluster(String entry) {
        String normalized = entry.replace(File.separatorChar, '/');
        return normalized.endsWith(".jar")
                && CLUSTER.stream().anyMatch(normalized::contains)
                && JOB_SIDE.stream().noneMatch(normalized::contains);
    }
}
