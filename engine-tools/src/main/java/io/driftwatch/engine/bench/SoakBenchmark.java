package io.driftwatch.engine.bench;

import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.fault.DrillPipeline;
import io.driftwatch.engine.lag.StackLagProbe;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import io.driftwatch.engine.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suite {@code soak}: the pipeline under a steady load for a long while, sampled every
 * {@code interval}: the engine JVM's heap after its last garbage collection (capture and the
 * Flink job run in it), each server's resident memory, and every lag (slot, consumer group,
 * commit→visible). Bounded memory and lag show as flat columns; a leak shows as a climb.
 */
public final class SoakBenchmark {
    private static final String REGION = "us-east-1";
    private static final String PREFIX = "soak";

    /** One sample. */
    record Sample(Duration at, long heapAfterGcBytes, Map<String, Long> rssBytes, long slotLagBytes, long consumerLag,
                  long visibilityLagMs, double p50Ms, double p99Ms, long transactions) {}

    private final LocalStack stack;
    private final PrintStream out;
    private final Duration length;
    private final Duration interval;
    private final int rate;

    public SoakBenchmark(LocalStack stack, PrintStream out, Duration length, Duration interval, int rate) {
        this.stack = stack;
        this.out = out;
        this.length = length;
        this.interval = interval;
        this.rate = rate;
    }

    public String run() throws Exception {
        List<Sample> samples = new ArrayList<>();
        ClickHouseHttp clickhouse = new ClickHouseHttp(stack.endpoints().clickhouse().url(), stack.endpoints().clickhouse().user(),
                stack.endpoints().clickhouse().password());
        LatencyTable latency = new LatencyTable(clickhouse, "dw_" + PREFIX);
        StackLagProbe lag = new StackLagProbe(stack.endpoints(), LagSources.forPipeline(PREFIX), InstantSource.system());
        int violations;
        try (DrillPipeline pipeline = DrillPipeline.start(stack, REGION, PREFIX, rate, 0, out::println)) {
            long begin = System.nanoTime();
            long end = begin + length.toNanos();
            long next = begin;
            while (System.nanoTime() < end) {
                next += interval.toNanos();
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                Sample s = sample(Duration.ofNanos(System.nanoTime() - begin), lag, latency, pipeline);
                samples.add(s);
                out.printf("%s heap after GC %s, RSS %s, slot lag %,d B, consumer lag %,d, visibility lag %,d ms, "
                                + "commit→visible p50 %.0f / p99 %.0f ms over %,d tx%n", minutes(s.at()), mib(s.heapAfterGcBytes()),
                        rssLine(s.rssBytes()), s.slotLagBytes(), s.consumerLag(), s.visibilityLagMs(), s.p50Ms(), s.p99Ms(), s.transactions());
            }
            pipeline.load().pause();
            pipeline.awaitVerified(Duration.ofMinutes(5));
            violations = pipeline.sampler().pinnedViolations().size();
            out.printf("soak over: views exact; %d sampler reads, %d partial transaction(s) seen; %,d transactions committed%n",
                    pipeline.sampler().samples(), violations, pipeline.load().committed());
            if (violations > 0) {
                throw new IllegalStateException("partial transactions seen during the soak: " + pipeline.sampler().pinnedViolations());
            }
            return report(samples, pipeline.load().committed(), pipeline.sampler().samples());
        }
    }

    private Sample sample(Duration at, StackLagProbe lag, LatencyTable latency, DrillPipeline pipeline) {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (ServerStatus server : stack.status()) {
            rss.put(server.name(), rss(server.pid()));
        }
        LagSnapshot snapshot = lag.probe();
        long slot = snapshot.slots().stream().filter(s -> s.slot().contains(PREFIX)).mapToLong(LagSnapshot.SlotLag::lagBytes).sum();
        long consumer = snapshot.partitions().stream().mapToLong(LagSnapshot.PartitionLag::lag).sum();
        long visibility = snapshot.visibility().stream().mapToLong(LagSnapshot.VisibilityLag::lagMillis).max().orElse(-1);
        LatencyTable.Summary recent;
        try {
            recent = latency.visibleSince(System.currentTimeMillis() - interval.toMillis());
        } catch (ClickHouseHttp.ClickHouseException e) {
            recent = new LatencyTable.Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Sample(at, heapAfterGc(), rss, slot, consumer, visibility, recent.p50(), recent.p99(), recent.transactions());
    }

    /** Heap in use right after the last collection of each heap pool: what survives, not garbage waiting. */
    static long heapAfterGc() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                total += afterGc.getUsed();
            }
        }
        return total;
    }

    /** Resident memory of a process from /proc, or -1. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // not Linux, or the process ended
        }
        return -1;
    }

    private String report(List<Sample> samples, int committed, int reads) {
        List<String> servers = samples.isEmpty() ? List.of() : List.copyOf(samples.get(0).rssBytes().keySet());
        List<String> header = new ArrayList<>(List.of("minute", "engine heap after GC"));
        servers.forEach(s -> header.add(s + " RSS"));
        header.addAll(List.of("slot lag", "consumer lag (records)", "visibility lag", "commit→visible p50 / p99", "tx in interval"));
        List<List<String>> rows = new ArrayList<>();
        for (Sample s : samples) {
            List<String> row = new ArrayList<>(List.of(minutes(s.at()), mib(s.heapAfterGcBytes())));
            servers.forEach(name -> row.add(mib(s.rssBytes().getOrDefault(name, -1L))));
            row.addAll(List.of(String.format("%,d B", s.slotLagBytes()), String.format("%,d", s.consumerLag()),
                    String.format("%,d ms", s.visibilityLagMs()), String.format("%.0f / %.0f ms", s.p50Ms(), s.p99Ms()),
                    String.format("%,d", s.transactions())));
            rows.add(row);
        }
        return String.format("A %d-minute run at %d transactions/s (orders with their lines: inserts, repricings, deletions), "
                        + "one sample every %d s; %,d transactions committed, %,d invariant-sampler reads, no partial transaction "
                        + "seen, and the views exact at the end.%n%n", length.toMinutes(), rate, interval.toSeconds(), committed, reads)
                + BenchmarkReport.table(header, rows)
                + "\nEngine heap: the JVM running capture and the Flink job (a MiniCluster), heap in use after the last collection. "
                + "RSS: each server's resident memory. Slot lag: WAL not yet confirmed by capture; consumer lag: records beyond "
                + "the offsets the job committed at its last checkpoint; visibility lag: age of the oldest captured transaction "
                + "not yet visible (0: caught up).\n";
    }

    private static String minutes(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "—" : String.format("%,.0f MiB", bytes / (1024.0 * 1024));
    }

    private static String rssLine(Map<String, Long> rss) {
        StringBuilder b = new StringBuilder();
        rss.forEach((name, bytes) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(mib(bytes)));
        return b.toString();
    }
}
