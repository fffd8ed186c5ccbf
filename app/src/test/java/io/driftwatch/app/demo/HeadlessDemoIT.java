package io.driftwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command without a window, exactly as a person runs it, again and again on one
 * stack directory: the whole local pipeline — two regions, MirrorMaker 2 between them, merged
 * reference data and sellable stock — under GlobalMart's traffic. The first run's launcher is
 * killed with SIGKILL mid-run; the next two each commit new transactions and end with verify
 * passing over everything, old and new, with a terminal that shows Driftwatch's own lines only.
 * Nothing is left running afterwards, and the stack's generated secrets are on no command line,
 * in no output and in no log.
 */
class HeadlessDemoIT {
    private static final Path REPO = Path.of(System.getProperty("driftwatch.repo", "..")).toAbsolutePath().normalize();
    private static final Pattern STATUS = Pattern.compile("\\[\\s*\\d+s\\] ([\\d,]+) tx");
    private static final Pattern SUMMARY = Pattern.compile("summary: ([\\d,]+) transactions");
    /**
     * A stack trace (an exception's name, a frame), or a log line at WARN or ERROR from a logger
     * outside Driftwatch (logback abbreviates ours to i.d.…).
     */
    private static final Pattern LIBRARY_NOISE = Pattern.compile(
            "^\\s*at [\\w.$/]+\\.[\\w$<>]+\\(|^[\\w.$]+(Exception|Error)(: |$)|^\\S+ (WARN|ERROR)\\s++(?!i\\.d\\.)");

    @Test
    void theDemoRunsAgainAndAgainOnOneStackDirectoryEvenAfterItsLauncherWasKilled() throws Exception {
        Path dir = Path.of("target", "demo-stack").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Set<String> leakedOnCommandLines = new TreeSet<>();
        List<String> outputs = new ArrayList<>();

        // 1: killed with SIGKILL once its traffic commits.
        Path log1 = Files.createTempFile("driftwatch-demo-1", ".log");
        Process first = demo(dir, "60s", log1);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (first.isAlive() && System.nanoTime() < deadline && lastCommitted(Files.readString(log1)) <= 0) {
                watchCommandLines(dir, leakedOnCommandLines);
                first.waitFor(1, TimeUnit.SECONDS);
            }
            assertThat(lastCommitted(Files.readString(log1))).as(Files.readString(log1)).isPositive();
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        outputs.add(Files.readString(log1));

        // 2 and 3: each starts on what the killed run left, commits, and verifies everything.
        for (int run = 2; run <= 3; run++) {
            Path log = Files.createTempFile("driftwatch-demo-" + run, ".log");
            Process demo = demo(dir, "20s", log);
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
                while (demo.isAlive() && System.nanoTime() < deadline) {
                    watchCommandLines(dir, leakedOnCommandLines);
                    demo.waitFor(2, TimeUnit.SECONDS);
                }
                assertThat(demo.isAlive()).as("run " + run + " finished").isFalse();
            } finally {
                demo.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            outputs.add(output);
            assertThat(demo.exitValue()).as(output).isZero();
            assertThat(output).contains("verify passed").contains("GlobalMart traffic");
            Matcher summary = SUMMARY.matcher(output);
            assertThat(summary.find()).as(output).isTrue();
            assertThat(Long.parseLong(summary.group(1).replace(",", ""))).as("run " + run + " committed transactions").isPositive();
            assertThat(output.lines().filter(l -> l.trim().startsWith("public.")).toList())
                    .as("every table verified").hasSizeGreaterThanOrEqualTo(7).allSatisfy(l -> assertThat(l).endsWith("match"));
            assertThat(output.lines().filter(l -> LIBRARY_NOISE.matcher(l).find()).toList())
                    .as("stack traces and libraries' warnings on the terminal of run " + run).isEmpty();
            assertThat(output).contains("log: " + dir.resolve("driftwatch.log"));
        }
        assertThat(dir.resolve("driftwatch.log")).as("the libraries' log").isNotEmptyFile();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)))
                .as("servers left running").isEmpty();

        // Secrets never reach a command line, the demo's output or any server's log.
        List<String> secrets = secrets(dir);
        assertThat(secrets).as("the stack's generated secrets").hasSize(3);
        assertThat(leakedOnCommandLines).as("programs started with a secret on their command line").isEmpty();
        for (String output : outputs) {
            assertThat(secrets).noneMatch(output::contains);
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/log/") || f.endsWith("driftwatch.log")).toList();
        }
        assertThat(logs).as("server logs to scan").isNotEmpty();
        for (Path file : logs) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(secrets).as("secrets in " + file).noneMatch(text::contains);
        }
    }

    private static Process demo(Path dir, String duration, Path log) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("driftwatch").toString(), "demo", "--headless", "--duration", duration,
                "--dir", dir.toString()).directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    /** The transactions the newest status line counts; 0 before the first. */
    private static long lastCommitted(String output) {
        Matcher m = STATUS.matcher(output);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }

    /** While a run is up: no process of the stack carries a generated secret on its command line. */
    private static void watchCommandLines(Path dir, Set<String> leaked) throws java.io.IOException {
        List<String> secrets = secrets(dir);
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(command -> secrets.stream()
                .filter(command::contains).forEach(secret -> leaked.add(command.split(" ")[0]))));
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
