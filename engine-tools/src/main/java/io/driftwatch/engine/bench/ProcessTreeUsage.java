package io.driftwatch.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU and resident memory of a process and everything below it, read from {@code /proc}: a
 * server of the stack is often several processes (PostgreSQL's backends, ClickHouse under
 * runuser), and backends that ended are counted through their parent's reaped time.
 *
 * @param cpuSeconds    CPU time used since the process started (user + system)
 * @param residentBytes resident memory now
 */
public record ProcessTreeUsage(double cpuSeconds, long residentBytes) {
    /** Linux's USER_HZ and page size on every architecture this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final long PAGE = 4096;

    /** The usage of {@code pid} and its descendants now; zero for a process that is gone. */
    public static ProcessTreeUsage of(long pid) {
        List<Long> tree = new ArrayList<>();
        tree.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> tree.add(d.pid())));
        long ticks = 0;
        long pages = 0;
        for (int i = 0; i < tree.size(); i++) {
            ProcStat s = read(Path.of("/proc", Long.toString(tree.get(i)), "stat"));
            if (s == null) {
                continue;
            }
            // The root's reaped time covers its finished children; a live descendant's own reaped time would count them twice.
            ticks += s.ownTicks() + (i == 0 ? s.reapedTicks() : 0);
            pages += s.residentPages();
        }
        return new ProcessTreeUsage(ticks / TICKS_PER_SECOND, pages * PAGE);
    }

    /** The usage of {@code pid} alone: for a process whose children are measured on their own (the bench's JVM starts the stack). */
    public static ProcessTreeUsage own(long pid) {
        ProcStat s = read(Path.of("/proc", Long.toString(pid), "stat"));
        return s == null ? new ProcessTreeUsage(0, 0) : new ProcessTreeUsage(s.ownTicks() / TICKS_PER_SECOND, s.residentPages() * PAGE);
    }

    /** CPU seconds per thread name of one process (threads alive now), for splitting a JVM's time among its parts. */
    public static java.util.Map<String, Double> threads(long pid) {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                ProcStat s = read(t.resolve("stat"));
                if (s != null) {
                    byName.merge(s.name(), s.ownTicks() / TICKS_PER_SECOND, Double::sum);
                }
            });
        } catch (IOException gone) {
            // the process ended
        }
        return byName;
    }

    private static ProcStat read(Path stat) {
        try {
            return ProcStat.parse(Files.readString(stat));
        } catch (IOException | RuntimeException gone) {
            return null; // it ended between listing and reading
        }
    }
}
