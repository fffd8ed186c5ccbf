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

        // 4: on what the demo left, run --local runs the demo's pipeline (DIR/pipeline.yaml) from its checkpoint, and verify --local passes.
        assertThat(dir.resolve("pipeline.yaml")).as("the demo's pipeline config").isNotEmptyFile();
        Path stackLog = Files.createTempFile("driftwatch-stack-up", ".log");
        Process up = driftwatch(stackLog, "stack", "up", "--dir", dir.toString());
        try {
            assertThat(up.waitFor(3, TimeUnit.MINUTES)).as("stack up returned").isTrue();
            assertThat(up.exitValue()).as(Files.readString(stackLog)).isZero();
            Path runLog = Files.createTempFile("driftwatch-run-local", ".log");
            Process run = driftwatch(runLog, "run", "--local", "--dir", dir.toString(), "--status-interval", "2");
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
                while (run.isAlive() && System.nanoTime() < deadline && !jobRunning(Files.readString(runLog))) {
                    run.waitFor(2, TimeUnit.SECONDS);
                }
                String output = Files.readString(runLog);
                assertThat(jobRunning(output)).as(output).isTrue();
                assertThat(output).contains("running the demo's pipeline of this stack")
                        .contains("processing resumes from checkpoint s3p://checkpoints/globalmart/")
                        .contains("failover controller: processing runs in us-east-1")
                        .contains("us-east-1 capture running").contains("eu-west-1 capture running");

                // A table created without rows (in both regions, as GlobalMart's tables are) has its view, and views --json lists it.
                io.driftwatch.engine.api.StackEndpoints endpoints = io.driftwatch.engine.stack.StackManifest.read(dir).orElseThrow().endpoints();
                for (String region : endpoints.regionNames()) {
                    io.driftwatch.engine.api.StackEndpoints.Postgres pg = endpoints.region(region).postgres();
                    Properties login = new Properties();
                    login.setProperty("user", pg.user());
                    login.setProperty("password", pg.password());
                    try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), login); java.sql.Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE IF NOT EXISTS public.wishlists (id bigint PRIMARY KEY, customer_id bigint NOT NULL, sku text)");
                    }
                }
                long listed = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                String views = "";
                while (System.nanoTime() < listed && !views.contains("\"public.wishlists\"")) {
                    Path viewsLog = Files.createTempFile("driftwatch-views", ".log");
                    Process list = driftwatch(viewsLog, "views", "--dir", dir.toString(), "--json");
                    assertThat(list.waitFor(2, TimeUnit.MINUTES)).as("views finished").isTrue();
                    views = Files.readString(viewsLog);
                }
                assertThat(views).as("views --json lists the table without rows").contains("\"public.wishlists\"").contains("\"wishlists\"");
            } finally {
                run.destroy();
                if (!run.waitFor(60, TimeUnit.SECONDS)) {
                    run.destroyForcibly().waitFor();
                }
            }
            Path verifyLog = Files.createTempFile("driftwatch-verify", ".log");
            Process verify = driftwatch(verifyLog, "verify", "--local", "--dir", dir.toString());
            assertThat(verify.waitFor(3, TimeUnit.MINUTES)).as("verify finished").isTrue();
            String verified = Files.readString(verifyLog);
            assertThat(verify.exitValue()).as(verified).isZero();
            assertThat(verified).contains("the demo's pipeline (us-east-1, eu-west-1)").contains("(merged counter)").contains("table(s) match");
        } finally {
            Process down = driftwatch(Files.createTempFile("driftwatch-stack-down", ".log"), "stack", "down", "--dir", dir.toString());
            down.waitFor(2, TimeUnit.MINUTES);
        }
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

    private static Process driftwatch(Path log, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("driftwatch").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DRIFTWATCH_SKIP_BUILD", "1");
        builder.environment().put("DRIFTWATCH_SKIP_INSTALL", "1");
        return builder.start();
    }

    /** Whether {@code run}'s metrics say its job runs: the scrape of the address it printed has {@code driftwatch_job_running 1}. */
    private static boolean jobRunning(String output) {
        Matcher m = Pattern.compile("metrics for Prometheus at (http://\\S+/metrics)").matcher(output);
        if (!m.find()) {
            return false;
        }
        try {
            String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith("driftwatch_job_running "))
                    .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 1.0);
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
