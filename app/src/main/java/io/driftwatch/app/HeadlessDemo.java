package io.driftwatch.app;

import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.VerifyReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo without a window: the whole local pipeline under GlobalMart's traffic, a status line
 * every few seconds, then a verify of every view against its source. Exits 0 only when verify
 * passes; Ctrl-C stops everything cleanly.
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
        Duration duration = options.duration().orElse(Duration.ofDays(365));
        out.println("starting the local pipeline in " + options.stackDir() + " (" + options.regions() + " region(s))");
        try (LocalPipeline pipeline = LocalPipeline.start(options.stackDir(), options.regions(), 42, line -> out.println("  " + line))) {
            out.printf("GlobalMart traffic: %d transactions/s, tripled in the middle third (Black Friday)%n", options.rate());
            pipeline.startWorkload(options.rate(), duration);
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            long lastTx = 0;
            while (System.nanoTime() < end) {
                long wait = Math.min(INTERVAL.toMillis(), Math.max(0, (end - System.nanoTime()) / 1_000_000));
                if (interrupted.await(wait, TimeUnit.MILLISECONDS)) {
                    out.println("interrupted: stopping");
                    return 130;
                }
                PipelineStatus s = pipeline.status();
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                LatencySummary latency = pipeline.latency(INTERVAL);
                out.printf("[%4ds] %,d tx (%,d/s) | captured %,d | orders committed %,d, visible %s | commit→visible %s | capture %s | "
                                + "servers %s%s%s%n",
                        seconds, s.transactions(), (s.transactions() - lastTx) / Math.max(1, INTERVAL.toSeconds()), s.captured(),
                        s.ordersCommitted(), s.ordersVisible() < 0 ? "-" : String.format("%,d", s.ordersVisible()),
                        latency.isEmpty() ? "-" : String.format("p50 %.0f ms, p99 %.0f ms", latency.p50Millis(), latency.p99Millis()),
                        s.captureState(), s.servers().stream().allMatch(ServerStatus::up) ? "all up" : "SOME DOWN",
                        s.mirrorSummary().isEmpty() ? "" : " | " + s.mirrorSummary(),
                        s.trafficSummary().isEmpty() ? "" : " | " + s.trafficSummary());
                lastTx = s.transactions();
            }
            pipeline.awaitWorkload(Duration.ofSeconds(30));
            out.println("traffic stopped; verifying every view against its source");
            VerifyReport report = pipeline.verify(Duration.ofSeconds(90));
            for (VerifyReport.Table t : report.tables()) {
                out.printf("  %-28s %-36s %8d %8d  %s%n", t.source(), t.view(), t.sourceRows(), t.viewRows(),
                        t.matches() ? "match" : t.problem() != null ? t.problem() : "DIFFERENT");
            }
            PipelineStatus last = pipeline.status();
            out.printf("summary: %,d transactions, %,d orders; verify %s%n", last.transactions(), last.ordersCommitted(),
                    report.allMatch() ? "passed" : "FAILED");
            return report.allMatch() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            out.println("error: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: everything was closed above
            }
        }
    }
}
