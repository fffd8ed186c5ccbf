package io.driftwatch.app;

import io.driftwatch.engine.api.LocalStacks;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackHandle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo without a window: starts the local stack, prints a status line every few seconds,
 * stops everything at the end (or on Ctrl-C). Exits 0 only when every server stayed up.
 */
final class HeadlessDemo {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ConsoleOptions options;
    private final PrintStream out;

    HeadlessDemo(ConsoleOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(interrupted::countDown, "driftwatch-demo-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean allUp = true;
        out.println("starting the local stack in " + options.stackDir() + " (" + options.regions() + " region(s))");
        try (StackHandle stack = LocalStacks.start(options.stackDir(), options.regions(), line -> out.println("  " + line))) {
            long end = options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
            long started = System.nanoTime();
            while (System.nanoTime() < end) {
                List<ServerStatus> status = stack.status();
                allUp &= status.stream().allMatch(ServerStatus::up);
                out.printf("[%4ds] %s%n", (System.nanoTime() - started) / 1_000_000_000L, line(status));
                long wait = Math.min(INTERVAL.toMillis(), Math.max(0, (end - System.nanoTime()) / 1_000_000));
                if (interrupted.await(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            out.println("stopping the local stack");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the stack was closed above
            }
        }
        out.println(allUp ? "summary: every server stayed up" : "summary: some server was down at some point");
        out.println("the pipeline (capture, processing, views) is not part of the demo yet: only the stack runs");
        return allUp ? 0 : 1;
    }

    static String line(List<ServerStatus> status) {
        return status.stream().map(s -> s.name() + " " + (s.up() ? "up" : "DOWN")).collect(Collectors.joining(", "));
    }
}
