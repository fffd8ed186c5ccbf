package io.driftwatch.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes one suite's figures into docs/BENCHMARKS.md, replacing that suite's previous section
 * and leaving the other suites' sections as they are.
 */
public final class BenchmarkReport {
    private final Path file;

    public BenchmarkReport(Path file) {
        this.file = file;
    }

    /** Replaces the section of {@code suite} with {@code body} (Markdown), adding the machine it ran on. */
    public void write(String suite, String title, String body) throws IOException {
        String begin = "<!-- bench:" + suite + " -->";
        String end = "<!-- /bench:" + suite + " -->";
        String section = begin + "\n## " + title + "\n\n" + "Measured " + LocalDate.now() + " on " + machine() + ".\n\n"
                + body.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file)
                : "# Benchmarks\n\nFigures written by `./driftwatch bench SUITE`; each section is replaced when its suite runs again.\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    /** Cores, memory, CPU model and JVM: enough to compare figures across machines. */
    public static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%d cores (%s), %.0f GiB, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory / (1024.0 * 1024 * 1024), System.getProperty("java.version"));
    }

    /** A Markdown table. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<String> row : rows) {
            b.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return b.toString();
    }
}
