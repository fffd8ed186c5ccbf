package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a person uses it from a shell: {@code stack up --json}, {@code stack status},
 * {@code stack down}, leaving no process behind.
 */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();
    private static final Path DIR = Path.of("target", "launcher-stack").toAbsolutePath();

    record Result(int exit, String out, String err) {}

    static Result driftwatch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("driftwatch").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("driftwatch-out", ".txt");
        Path err = Files.createTempFile("driftwatch-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // The build under test is the one Maven just made; the launcher must not start another.
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("driftwatch " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void downInAnyCase() throws Exception {
        driftwatch("stack", "down", "--dir", DIR.toString());
    }

    @Test
    void upStatusDownFromTheShellLeaveNoProcessBehind() throws Exception {
        LocalStackExtension.deleteRecursively(DIR);
        Result up = driftwatch("stack", "up", "--dir", DIR.toString(), "--json");
        assertThat(up.exit()).as(up.err()).isZero();
        JsonNode endpoints = new ObjectMapper().readTree(up.out());
        assertThat(endpoints.at("/regions/us-east-1/postgres/jdbcUrl").asText()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(endpoints.at("/regions/us-east-1/postgres/password").asText()).isNotBlank();
        assertThat(endpoints.at("/regions/us-east-1/kafka/bootstrapServers").asText()).startsWith("127.0.0.1:");
        assertThat(endpoints.at("/registry/url").asText()).endsWith("/apis/ccompat/v7");
        assertThat(endpoints.at("/clickhouse/url").asText()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.at("/s3/bucket").asText()).isEqualTo("checkpoints");

        Result again = driftwatch("stack", "up", "--dir", DIR.toString(), "--json");
        assertThat(again.exit()).as("running 'up' again is harmless").isZero();
        assertThat(new ObjectMapper().readTree(again.out())).isEqualTo(endpoints);

        Result status = driftwatch("stack", "status", "--dir", DIR.toString());
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("postgres-us-east-1", "kafka-us-east-1", "registry", "clickhouse", "s3");
        assertThat(status.out().lines().skip(1)).allSatisfy(line -> assertThat(line).contains(" up "));

        StackManifest manifest = StackManifest.read(DIR).orElseThrow();
        Result down = driftwatch("stack", "down", "--dir", DIR.toString());
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(down.err()).doesNotContain("had to kill");
        assertThat(Signals.isAlive(manifest.ownerPid())).isFalse();
        assertThat(manifest.servers()).allSatisfy(s -> assertThat(Signals.isAlive(s.pid())).as(s.name()).isFalse());
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(DIR.toString())).orElse(false)))
                .as("processes still mentioning the stack directory").isEmpty();
    }

    @Test
    void everySubcommandHasHelp() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"stack", "--help"}, {"stack", "up", "--help"},
                {"stack", "status", "--help"}, {"stack", "down", "--help"}, {"test", "--help"}, {"demo", "--help"}}) {
            Result help = driftwatch(args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).as(String.join(" ", args)).containsIgnoringCase("usage");
        }
    }
}
