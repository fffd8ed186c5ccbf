package io.driftwatch.engine.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The servers a stack directory's previous owner left alive. When that owner dies (even by
 * {@code kill -9}), each of its servers gets a parent-death signal and shuts down cleanly, which
 * takes a few seconds; a new start on the same data must wait for them, or PostgreSQL finds its
 * data directory locked and Kafka its log directory in use.
 */
final class Leftovers {
    private Leftovers() {}

    /**
     * Waits up to {@code grace} for every live server of {@code manifest} to exit, then kills what
     * is still there; returns the names of the servers it had to kill.
     */
    static List<String> stop(Path dir, StackManifest manifest, Duration grace, Consumer<String> progress) {
        List<StackManifest.ServerRecord> alive = manifest.servers().stream()
                .filter(s -> Signals.isAlive(s.pid()) && isOurs(dir, s)).toList();
        List<String> killed = new ArrayList<>();
        if (alive.isEmpty()) {
            return killed;
        }
        progress.accept("waiting for " + String.join(", ", alive.stream().map(StackManifest.ServerRecord::name).toList())
                + " of the previous run to finish stopping");
        long deadline = System.nanoTime() + grace.toNanos();
        for (StackManifest.ServerRecord server : alive) {
            waitForExit(server.pid(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (Signals.isAlive(server.pid())) {
                Signals.send(server.pid(), Signal.KILL);
                waitForExit(server.pid(), Duration.ofSeconds(10));
                killed.add(server.name());
            }
        }
        if (!killed.isEmpty()) {
            progress.accept("killed " + String.join(", ", killed) + " of the previous run, which did not stop within "
                    + grace.toSeconds() + " s");
        }
        return killed;
    }

    /** Guards against a recycled pid: the process must still run with this stack's directory in its command line. */
    static boolean isOurs(Path dir, StackManifest.ServerRecord server) {
        return ProcessHandle.of(server.pid())
                .flatMap(p -> p.info().arguments().map(args -> String.join(" ", args)).or(() -> p.info().commandLine()))
                .map(cmd -> cmd.contains(dir.toString()))
                .orElse(true);
    }

    static void waitForExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Signals.isAlive(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
