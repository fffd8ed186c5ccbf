package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.api.LocalPipeline;
import io.driftwatch.engine.api.ServerStatus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code bench profile}: what the whole two-region demo pipeline costs, component by component.
 * The demo's pipeline (the stack, {@code run --config} as its own process, GlobalMart's traffic)
 * runs idle, then under a fixed load; each component's CPU time and resident memory come from
 * {@code /proc} (a server with all its processes), the engine's split between capture and the
 * job and its hottest frames from a JFR recording of the load.
 */
public final class ProfileBenchmark {
    private final Path dir;
    private final PrintStream out;
    private final int rate;
    private final Duration idle;
    private final Duration load;

    public ProfileBenchmark(Path dir, PrintStream out, int rate, Duration idle, Duration load) {
        this.dir = dir;
        this.out = out;
        this.rate = rate;
        this.idle = idle;
        this.load = load;
    }

    public String run() throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.start(dir, 2, 42, line -> out.println("  " + line))) {
            out.println("warming up: every table, view and merge path once, then the backlog drained");
            pipeline.startWorkload(rate, Duration.ofSeconds(20));
            pipeline.awaitWorkload(Duration.ofMinutes(2));
            Thread.sleep(15_000);

            out.printf("idle: %d s without traffic%n", idle.toSeconds());
            Map<String, ProcessTreeUsage> idleBefore = usage(pipeline);
            Thread.sleep(idle.toMillis());
            Map<String, ProcessTreeUsage> idleAfter = usage(pipeline);

            Path jfr = dir.resolve("engine-load.jfr");
            jcmd(pipeline.enginePid(), "JFR.start", "name=profile", "settings=profile");
            Map<String, Double> threadsBefore = ProcessTreeUsage.threads(pipeline.enginePid());
            long txBefore = pipeline.status().transactions();
            Map<String, ProcessTreeUsage> loadBefore = usage(pipeline);
            out.printf("load: %d tx/s in us-east-1 and %d in eu-west-1 for %d s (GlobalMart's mix, tripled in its middle third)%n",
                    rate, Math.max(1, rate / 2), load.toSeconds());
            long started = System.nanoTime();
            pipeline.startWorkload(rate, load);
            pipeline.awaitWorkload(load.plusMinutes(2));
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, ProcessTreeUsage> loadAfter = usage(pipeline);
            Map<String, Double> threadsAfter = ProcessTreeUsage.threads(pipeline.enginePid());
            long transactions = pipeline.status().transactions() - txBefore;
            LatencySummary latency = pipeline.latency(load);
            jcmd(pipeline.enginePid(), "JFR.stop", "name=profile", "filename=" + jfr);
            out.printf("load done: %,d transactions in %.0f s; commit→visible p50 %.0f ms, p99 %.0f ms%n", transactions, seconds,
                    latency.p50Millis(), latency.p99Millis());
            return report(idleBefore, idleAfter, loadBefore, loadAfter, transactions, seconds, latency, threadsBefore, threadsAfter, jfr);
        }
    }

    /** Every server of the stack, the engine, and this JVM (GlobalMart's writer, the stack's supervisor). */
    private static Map<String, ProcessTreeUsage> usage(LocalPipeline pipeline) {
        Map<String, ProcessTreeUsage> usage = new LinkedHashMap<>();
        for (ServerStatus s : pipeline.status().servers()) {
            if (s.pid() > 0) {
                usage.put(s.name(), ProcessTreeUsage.of(s.pid()));
            }
        }
        usage.put("engine (capture + job)", ProcessTreeUsage.of(pipeline.enginePid()));
        usage.put("writer (this JVM)", ProcessTreeUsage.of(ProcessHandle.current().pid()));
        return usage;
    }

    private String report(Map<String, ProcessTreeUsage> idleBefore, Map<String, ProcessTreeUsage> idleAfter,
                          Map<String, ProcessTreeUsage> loadBefore, Map<String, ProcessTreeUsage> loadAfter, long transactions, double seconds,
                          LatencySummary latency, Map<String, Double> threadsBefore, Map<String, Double> threadsAfter, Path jfr) throws Exception {
        StringBuilder b = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        double idleTotal = 0;
        double loadTotal = 0;
        for (String name : loadAfter.keySet()) {
            double idleCores = delta(idleBefore, idleAfter, name) / idle.toSeconds();
            double loadCpu = delta(loadBefore, loadAfter, name);
            idleTotal += idleCores;
            loadTotal += loadCpu;
            rows.add(List.of(name, String.format("%.3f", idleCores), String.format("%.1f", 1000 * loadCpu / Math.max(1, transactions)),
                    String.format("%.2f", loadCpu / seconds), String.format("%,d MiB", loadAfter.get(name).residentBytes() >> 20)));
        }
        rows.sort(Comparator.comparingDouble((List<String> r) -> -Double.parseDouble(r.get(2))));
        rows.add(List.of("**whole stack**", String.format("**%.3f**", idleTotal), String.format("**%.1f**", 1000 * loadTotal / Math.max(1, transactions)),
                String.format("**%.2f**", loadTotal / seconds), ""));
        b.append(BenchmarkReport.table(List.of("component", "idle, cores", "CPU s per 1,000 tx under load", "cores under load",
                "resident memory"), rows));
        b.append(String.format("%nLoad: %,d transactions in %.0f s (%.0f tx/s over both regions); commit→visible over the load p50 %.0f ms, "
                        + "p99 %.0f ms (%,d transactions). Idle: %d s without traffic after the warm-up's backlog drained.%n%n",
                transactions, seconds, transactions / seconds, latency.p50Millis(), latency.p99Millis(), latency.transactions(), idle.toSeconds()));

        Map<String, Double> parts = new TreeMap<>();
        threadsAfter.forEach((thread, cpu) -> parts.merge(part(thread), cpu - threadsBefore.getOrDefault(thread, 0.0), Double::sum));
        double engineCpu = parts.values().stream().mapToDouble(Double::doubleValue).sum();
        b.append("The engine's CPU under load by part (its threads' CPU time from /proc; threads named by the JVM):\n\n");
        List<List<String>> split = new ArrayList<>();
        parts.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).forEach(e -> split.add(List.of(e.getKey(),
                String.format("%.1f", e.getValue()), String.format("%.0f %%", 100 * e.getValue() / Math.max(1e-9, engineCpu)))));
        b.append(BenchmarkReport.table(List.of("part", "CPU s", "share"), split)).append('\n');

        Map<String, Map<String, Integer>> frames = topFrames(jfr);
        for (Map.Entry<String, Map<String, Integer>> part : frames.entrySet()) {
            int total = part.getValue().values().stream().mapToInt(Integer::intValue).sum();
            b.append("Top frames of ").append(part.getKey()).append(" (JFR execution samples, ").append(String.format("%,d", total))
                    .append(" samples):\n\n");
            List<List<String>> top = new ArrayList<>();
            part.getValue().entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(12)
                    .forEach(e -> top.add(List.of("`" + e.getKey() + "`", String.format("%,d", e.getValue()),
                            String.format("%.1f %%", 100.0 * e.getValue() / Math.max(1, total)))));
            b.append(BenchmarkReport.table(List.of("frame (where the sample was taken)", "samples", "share"), top)).append('\n');
        }
        b.append("""
                `./driftwatch bench profile`: the demo's two-region pipeline (the stack's servers, `run --config` as its own process,
                GlobalMart's traffic from the bench's JVM), everything on this machine's cores. CPU is each component's user and
                system time from `/proc`, for a server together with every process under it (PostgreSQL's backends, ClickHouse under
                runuser); "cores" is CPU seconds per second of wall time. The frames are where JFR's execution samples of the engine
                landed (the top frame of each sample), split by thread: capture's Debezium and producer threads, the Flink job's
                task threads, and the rest. One run on a shared machine: compare figures within one run.
                """);
        return b.toString();
    }

    private static double delta(Map<String, ProcessTreeUsage> before, Map<String, ProcessTreeUsage> after, String name) {
        ProcessTreeUsage a = after.get(name);
        ProcessTreeUsage b = before.get(name);
        return a == null || b == null ? 0 : Math.max(0, a.cpuSeconds() - b.cpuSeconds());
    }

    /** Which part of the engine a thread belongs to, by its name (the JVM gives native threads at most 15 characters). */
    static String part(String thread) {
        String t = thread.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("debezium") || t.contains("capture") || t.startsWith("kafka-producer") || t.contains("change-event")
                || t.startsWith("blocking-snap")) {
            return "capture";
        }
        if (t.contains("->") || t.startsWith("source") || t.startsWith("sink") || t.startsWith("flink") || t.contains("checkpoint")
                || t.contains("mailbox") || t.contains("assembl") || t.contains("merge")) {
            return "job";
        }
        if (t.startsWith("gc thread") || t.startsWith("g1 ") || t.contains("compilerthre") || t.startsWith("vm ") || t.startsWith("c1 ")
                || t.startsWith("c2 ")) {
            return "JVM (GC, JIT)";
        }
        return "other";
    }

    /** Execution samples' top frames, per part of the engine. */
    private static Map<String, Map<String, Integer>> topFrames(Path jfr) throws Exception {
        Map<String, Map<String, Integer>> byPart = new TreeMap<>();
        if (!Files.exists(jfr)) {
            return byPart;
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = e.getStackTrace().getFrames().get(0);
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            String frame = top.getMethod().getType().getName().replaceFirst("^.*\\.(?=[^.]+\\.[^.]+$)", "") + "." + top.getMethod().getName();
            byPart.computeIfAbsent("the " + part(thread == null ? "" : thread), k -> new TreeMap<>()).merge(frame, 1, Integer::sum);
        }
        return byPart;
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + printed);
        }
    }
}
