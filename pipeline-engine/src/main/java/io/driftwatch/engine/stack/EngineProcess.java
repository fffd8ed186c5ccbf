package io.driftwatch.engine.stack;

import io.driftwatch.engine.stack.ChildProcess;
import io.driftwatch.engine.stack.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code driftwatch run --config FILE} as a child process of this JVM: the engine the demo starts,
 * the same one an operator runs on a server. It runs on this JVM's Java and class path, writes
 * its output to a log file, and stops when this JVM ends — by {@link #close} (SIGTERM: capture,
 * the controller and the job stop cleanly) or, should this JVM be killed, on its own
 * ({@code --owner-pid}).
 */
public final class EngineProcess implements AutoCloseable {
    private static final String MAIN = "io.driftwatch.engine.cli.DriftwatchCli";
    /**
     * The demo's engine shares a workstation's cores with every server of the stack and lives for
     * minutes. In that life C2's compilations were the engine's largest single cost (a third of
     * its CPU under the demo's load, bench profile), and the code they produce pays off only in a
     * long run: C1 alone compiles quickly and well enough for the demo's rates. A small heap with
     * the serial collector keeps garbage collection off the other core. An engine on a server
     * ({@code driftwatch run}) keeps the JVM's defaults; JAVA_OPTS sets its own.
     */
    static final List<String> WORKSTATION_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms256m", "-Xmx1536m");

    private final ChildProcess process;

    private EngineProcess(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code run --config config --status-interval 2}; what it prints goes to {@code log}, its
     * libraries' log lines to {@code libraryLog}.
     */
    public static EngineProcess start(Path config, Path log, Path libraryLog) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String dist = System.getProperty("driftwatch.dist");
        if (dist != null) {
            command.add("-Ddriftwatch.dist=" + dist);
        }
        command.addAll(WORKSTATION_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "run", "--config", config.toString(),
                "--status-interval", "2", "--log", libraryLog.toString(), "--owner-pid", Long.toString(ProcessHandle.current().pid())));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Flink's S3 filesystem must not look for cloud instance metadata.
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        return new EngineProcess(new ChildProcess("engine", builder.start(), log));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return process.log();
    }

    /** The last {@code lines} lines the engine printed, for an error that says why it stopped. */
    public String tail(int lines) {
        return process.tail(lines);
    }

    /** SIGTERM, as Ctrl-C: the engine stops capture, the controller and the job; SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        process.stop(Signal.TERM, grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(60));
    }
}
