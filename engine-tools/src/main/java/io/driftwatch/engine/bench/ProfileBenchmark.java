package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.demo.LocalPipeline;
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
            Map<String, Double> idleThreadsBefore = ProcessTreeUsage.threads(pipeline.enginePid());
            Thread.sleep(idle.toMillis());
            Map<String, ProcessTreeUsage> idleAfter = usage(pipeline);
            Map<String, Double> idleThreads = busiest(idleThreadsBefore, ProcessTreeUsage.threads(pipeline.enginePid()));

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
            return report(idleBefore, idleAfter, idleThreads, loadBefore, loadAfter, transactions, seconds, latency, threadsBefore,
                    threadsAfter, jfr);
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
        // The bench's JVM is the parent of every server and of the engine: its own time only (GlobalMart's writer, the stack's supervisor).
        usage.put("writer (this JVM)", ProcessTreeUsage.own(ProcessHandle.current().pid()));
        return usage;
    }

    private String report(Map<String, ProcessTreeUsage> idleBefore, Map<String, ProcessTreeUsage> idleAfter, Map<String, Double> idleThreads,
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

        b.append("The idle engine's busiest threads (CPU from `/proc`, threads of one name together, digits as N; Linux keeps 15 "
                + "characters of a name):\n\n");
        List<List<String>> idleRows = new ArrayList<>();
        idleThreads.entrySet().stream().limit(10).forEach(e -> idleRows.add(List.of("`" + e.getKey() + "`",
                String.format("%.3f", e.getValue() / idle.toSeconds()))));
        b.append(BenchmarkReport.table(List.of("engine thread", "idle, cores"), idleRows)).append('\n');
        b.append("Under load, its busiest threads:\n\n");
        List<List<String>> loadRows = new ArrayList<>();
        busiest(threadsBefore, threadsAfter).entrySet().stream().limit(12).forEach(e -> loadRows.add(List.of("`" + e.getKey() + "`",
                String.format("%.2f", e.getValue() / seconds), String.format("%.1f", 1000 * e.getValue() / Math.max(1, transactions)))));
        b.append(BenchmarkReport.table(List.of("engine thread", "cores under load", "CPU s per 1,000 tx"), loadRows)).append('\n');

        Map<String, Double> threadCpu = new TreeMap<>();
        threadsAfter.forEach((thread, cpu) -> threadCpu.put(thread, cpu - threadsBefore.getOrDefault(thread, 0.0)));
        double engineCpu = threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        double jvmCpu = threadCpu.entrySet().stream().filter(e -> jvmThread(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
        Samples samples = samples(jfr);
        int javaSamples = samples.byPart().values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum();
        b.append(String.format("The engine's CPU under load: %.1f s, of which the JVM's own threads (garbage collection, JIT compilers) "
                + "%.1f s (%.0f %%); the Java threads' %.1f s split by where JFR's execution samples landed (a sample counts for capture "
                + "when its stack runs Debezium or Driftwatch's capture, for the job when it runs Flink):%n%n", engineCpu, jvmCpu,
                100 * jvmCpu / Math.max(1e-9, engineCpu), engineCpu - jvmCpu));
        List<List<String>> split = new ArrayList<>();
        samples.byPart().entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Map<String, Integer>> e) ->
                -e.getValue().values().stream().mapToInt(Integer::intValue).sum())).forEach(e -> {
            int n = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            double share = (double) n / Math.max(1, javaSamples);
            split.add(List.of(e.getKey(), String.format("%,d", n), String.format("%.0f %%", 100 * share),
                    String.format("%.1f", share * (engineCpu - jvmCpu)), String.format("%.1f", 1000 * share * (engineCpu - jvmCpu) / Math.max(1, transactions))));
        });
        b.append(BenchmarkReport.table(List.of("part", "samples", "share", "≈ CPU s", "≈ CPU s per 1,000 tx"), split)).append('\n');
        if (!samples.otherThreads().isEmpty()) {
            b.append("Threads of the samples counted as neither: ").append(samples.otherThreads().entrySet().stream()
                    .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(6)
                    .map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")").reduce((x, y) -> x + ", " + y).orElse("")).append(".\n\n");
        }
        for (Map.Entry<String, Map<String, Integer>> part : samples.byPart().entrySet()) {
            int total = part.getValue().values().stream().mapToInt(Integer::intValue).sum();
            b.append("Top frames of the ").append(part.getKey()).append(" (JFR execution samples, ").append(String.format("%,d", total))
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
                landed (the top frame of each sample), split by what the sample's stack runs: capture (Debezium, Driftwatch's capture),
                the job (Flink), and the rest (the engine's status reader, admin clients, producer I/O threads). JFR keeps 64 frames of
                a stack, so a deep sample of the job can count as the rest. One run on a shared machine: compare figures within one run.
                """);
        return b.toString();
    }

    /** CPU seconds per thread name between two readings, names with digits as N, busiest first. */
    static Map<String, Double> busiest(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((thread, cpu) -> used.merge(thread.replaceAll("\\d+", "N"), Math.max(0, cpu - before.getOrDefault(thread, 0.0)), Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        used.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static double delta(Map<String, ProcessTreeUsage> before, Map<String, ProcessTreeUsage> after, String name) {
        ProcessTreeUsage a = after.get(name);
        ProcessTreeUsage b = before.get(name);
        return a == null || b == null ? 0 : Math.max(0, a.cpuSeconds() - b.cpuSeconds());
    }

    /** The JVM's own threads: garbage collection and the JIT compilers (Linux keeps 15 characters of a thread's name). */
    static boolean jvmThread(String thread) {
        String t = thread.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("gc thread") || t.startsWith("g1 ") || t.contains("compilerthre") || t.startsWith("vm ") || t.startsWith("c1 ")
                || t.startsWith("c2 ");
    }

    /** Which part of the engine a sample's stack runs: capture (Debezium, Driftwatch's capture), the job (Flink), or neither. */
    static String part(List<String> classesTopFirst) {
        for (String type : classesTopFirst) {
            if (type.startsWith("io.debezium.") || type.startsWith("io.driftwatch.engine.capture.")) {
                return "capture";
            }
        }
        for (String type : classesTopFirst) {
            if (type.startsWith("org.apache.flink.")) {
                return "job";
            }
        }
        return "other";
    }

    /** The execution samples' top frames per part, and the threads of the samples that are neither capture's nor the job's. */
    record Samples(Map<String, Map<String, Integer>> byPart, Map<String, Integer> otherThreads) {}

    private static Samples samples(Path jfr) throws Exception {
        Map<String, Map<String, Integer>> byPart = new TreeMap<>();
        Map<String, Integer> otherThreads = new TreeMap<>();
        if (!Files.exists(jfr)) {
            return new Samples(byPart, otherThreads);
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String part = part(frames.stream().map(f -> f.getMethod().getType().getName()).toList());
            RecordedFrame top = frames.get(0);
            String frame = top.getMethod().getType().getName().replaceFirst("^.*\\.(?=[^.]+\\.[^.]+$)", "") + "." + top.getMethod().getName();
            byPart.computeIfAbsent(part, k -> new TreeMap<>()).merge(frame, 1, Integer::sum);
            if (part.equals("other") && e.getThread("sampledThread") != null) {
                otherThreads.merge(String.valueOf(e.getThread("sampledThread").getJavaName()).replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        return new Samples(byPart, otherThreads);
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
