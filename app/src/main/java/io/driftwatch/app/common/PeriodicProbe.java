package io.driftwatch.app.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One background thread that opens a connection to a source, then uses it periodically, and
 * closes it on the same thread when the probe is closed. Everything the source is asked runs on
 * that thread, so the FX thread never waits on a server and the connection needs no locking.
 *
 * <p>Why failures take two paths: when opening fails there is nothing to probe, so the schedule
 * never starts; when one tick fails the next tick tries again, since servers recover (a broker
 * restarts, ClickHouse answers again) and a monitor that stopped on the first hiccup would go blind.
 *
 * @param <C> the connection: a probe, a desk, any source that must be closed
 */
public final class PeriodicProbe<C extends AutoCloseable> implements AutoCloseable {
    /** What is done with the connection on each tick; may throw, the next tick runs anyway. */
    public interface Tick<C> {
        void run(C connection) throws Exception;
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final ScheduledExecutorService worker;
    private final Duration initialDelay;
    private final Duration interval;
    private C connection;

    /**
     * @param threadName   names the thread in thread dumps and tests
     * @param initialDelay before the first tick, counted from the moment the connection opened
     */
    public PeriodicProbe(String threadName, Duration initialDelay, Duration interval) {
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.initialDelay = initialDelay;
        this.interval = interval;
    }

    /**
     * Opens the connection on the probe's thread, hands it to {@code opened}, then runs {@code tick}
     * periodically. A failure to open or of one tick goes to {@code failed}. Any thread.
     */
    public void start(Callable<C> open, Consumer<C> opened, Tick<C> tick, Consumer<Exception> failed) {
        worker.execute(() -> {
            try {
                connection = open.call();
            } catch (Exception e) {
                failed.accept(e);
                return;
            }
            opened.accept(connection);
            C c = connection;
            worker.scheduleWithFixedDelay(() -> {
                try {
                    tick.run(c);
                } catch (Exception e) {
                    failed.accept(e);
                }
            }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Stops the schedule and closes the connection; blocks until the tick under way has ended. */
    @Override
    public void close() {
        try {
            worker.execute(() -> {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (Exception e) {
                        // Closing while stopping: nothing is left to tell.
                    }
                    connection = null;
                }
            });
        } catch (RejectedExecutionException closedBefore) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
