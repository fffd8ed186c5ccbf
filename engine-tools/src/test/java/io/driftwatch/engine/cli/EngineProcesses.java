package io.driftwatch.engine.cli;

import io.driftwatch.engine.api.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@code ./driftwatch run --config} as its own process, as the ITs that operate an engine start, wait on and stop it. */
final class EngineProcesses {
    static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();

    private EngineProcesses() {}

    /** {@code run --config CONFIG --status-interval 2 OPTIONS}, its output in {@code log}. */
    static Process run(Path config, Path log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("driftwatch").toString(), "run", "--config", config.toString(),
                "--status-interval", "2"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    /** What a command printed on standard output, and its exit status. */
    record Printed(String out, int exit) {}

    /** {@code ./driftwatch COMMAND --config CONFIG --json} as its own process (its standard error discarded), within two minutes. */
    static Printed json(String command, Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), command, "--config", config.toString(), "--json")
                .directory(REPO.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish; printed:\n" + out);
        }
        return new Printed(out, process.exitValue());
    }

    /** Ctrl-C (SIGTERM): the shutdown hooks stop capture, the controller and the job; SIGKILL after a minute. */
    static void stop(Process process) throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Polls until {@code done}; on time-out fails with what the engine printed. */
    static void await(String what, BooleanSupplier done, Duration timeout, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + "; run printed:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    static void sql(StackEndpoints.Postgres pg, String... statements) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), p); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
