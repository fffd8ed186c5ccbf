package io.driftwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command without a window, exactly as a person runs it: the whole local
 * pipeline under GlobalMart's traffic for a minute, then verify; exit 0 only when verify passes,
 * and nothing left running afterwards.
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
        try {
            assertThat(demo.waitFor(6, TimeUnit.MINUTES)).as("the demo finished").isTrue();
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
    }
}
