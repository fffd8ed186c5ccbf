package io.driftwatch.engine.stack;

import io.driftwatch.engine.cluster.FlinkClasspath;
import io.driftwatch.engine.cluster.FlinkClusterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the stack starts a process of the standalone Flink cluster: its {@code conf/config.yaml}
 * (readable by its owner only: it holds the S3 keys), logging to stdout, and a JVM on Flink's
 * class path running one of Flink's entry points.
 */
final class FlinkProcesses {
    private FlinkProcesses() {}

    static List<String> command(StackBinaries binaries, Path home, Map<String, String> config, List<String> jvm, String mainClass,
                                Path log) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(home.resolve("tmp"));
        Path file = conf.resolve("config.yaml");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, FlinkClusterConfig.yaml(config));
        Path logback = home.resolve("logback.xml");
        Files.writeString(logback, ChildLogging.logbackToStdout("INFO"));
        List<String> command = new ArrayList<>();
        command.add(binaries.java().toString());
        command.addAll(jvm);
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-Dlog.file=" + log); // where the web UI finds the process's log
        command.addAll(List.of("-cp", FlinkClasspath.of(binaries.classpath()), mainClass, "--configDir", conf.toString()));
        return command;
    }

    /** Flink's S3 filesystem must not look for cloud instance metadata. */
    static Map<String, String> environment() {
        return Map.of("AWS_EC2_METADATA_DISABLED", "true");
    }
}
