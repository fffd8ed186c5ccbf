package io.driftwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command without a window, exactly as a person runs it: the whole local
 * pipeline — two regions, MirrorMaker 2 between them, merged reference data and sellable stock —
 * under GlobalMart's traffic for a minute, then verify; exit 0 only when verify passes,
 * nothing left running afterwards, and the stack's generated secrets on no command line, in no
 * output and in no log.
 */
class HeadlessDemoIT {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();

    @Test
    void theHeadlessDemoRunsAMinuteOfTrafficAndEndsWithVerifyPassing() throws Exception {
        Path dir = Path.of("target", "demo-stack").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path log = Files.createTempFile("driftwatch-demo", ".log");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "demo", "--headless", "--duration", "60s",
                "--dir", dir.toString()).directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        Process demo = builder.start();
        Set<String> leakedOnCommandLines = new TreeSet<>();
        try {
            // While it runs: no process of the stack carries a generated secret on its command line.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
            while (demo.isAlive() && System.nanoTime() < deadline) {
                List<String> secrets = secrets(dir);
                ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(command -> secrets.stream()
                        .filter(command::contains).forEach(secret -> leakedOnCommandLines.add(command.split(" ")[0]))));
                demo.waitFor(2, TimeUnit.SECONDS);
            }
            assertThat(demo.isAlive()).as("the demo finished").isFalse();
        } finally {
            demo.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(demo.exitValue()).as(output).isZero();
        assertThat(output).contains("verify passed").contains("GlobalMart traffic").containsPattern("\\[\\s+\\d+s\\] [\\d,]+ tx");
        assertThat(output.lines().filter(l -> l.trim().startsWith("public.")).toList())
                .as("every table verified").hasSizeGreaterThanOrEqualTo(7).allSatisfy(l -> assertThat(l).endsWith("match"));
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)))
                .as("servers left running").isEmpty();

        // Secrets never reach a command line, the demo's output or any server's log.
        List<String> secrets = secrets(dir);
        assertThat(secrets).as("the stack's generated secrets").hasSize(3);
        assertThat(leakedOnCommandLines).as("programs started with a secret on their command line").isEmpty();
        assertThat(secrets).noneMatch(output::contains);
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/log/")).toList();
        }
        assertThat(logs).as("server logs to scan").isNotEmpty();
        for (Path file : logs) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(secrets).as("secrets in " + file).noneMatch(text::contains);
        }
    }

    /** The generated passwords and secret key of the stack in {@code dir}, once the stack wrote them. */
    private static List<String> secrets(Path dir) throws java.io.IOException {
        Path file = dir.resolve("secrets.properties");
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties props = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        return Stream.of("postgres.password", "clickhouse.password", "s3.secretKey").map(props::getProperty)
                .filter(v -> v != null && !v.isBlank()).toList();
    }
}
