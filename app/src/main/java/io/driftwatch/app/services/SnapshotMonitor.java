package io.driftwatch.app.services;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a snapshot of some part of the running pipeline periodically, on its own background
 * thread, and hands each one to a screen through {@code fx} (Platform::runLater in the app), so
 * the FX thread never waits on a server. A failed read is reported and the next one tried.
 *
 * @param <S> what one read returns
 */
public final class SnapshotMonitor<S> implements AutoCloseable {
    /** Reads one snapshot; blocking. Closing releases its connections. */
    public interface Reader<S> extends AutoCloseable {
        S read() throws Exception;

        @Override
        default void close() {}
    }

    private final ScheduledExecutorService worker;
    private final Consumer<S> show;
    private final Consumer<String> failed;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private Reader<S> reader;

    /**
     * @param show   receives every snapshot, on the FX thread
     * @param failed receives why a read (or opening the reader) failed, on the FX thread
     */
    public SnapshotMonitor(String name, Consumer<S> show, Consumer<String> failed, Consumer<Runnable> fx, Duration interval) {
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-" + name + "-monitor");
            t.setDaemon(true);
            return t;
        });
        this.show = show;
        this.failed = failed;
        this.fx = fx;
        this.interval = interval;
    }

    /** Opens the reader on the monitor's thread and starts reading; any thread. */
    public void start(Supplier<Reader<S>> open) {
        worker.execute(() -> {
            try {
                reader = open.get();
            } catch (RuntimeException e) {
                fx.accept(() -> failed.accept(String.valueOf(e.getMessage())));
                return;
            }
            worker.scheduleWithFixedDelay(this::readOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Reads once more as soon as the thread is free, e.g. after an action changed what it reads; any thread. */
    public void readNow() {
        try {
            worker.execute(this::readOnce);
        } catch (RejectedExecutionException closed) {
            // stopping
        }
    }

    private void readOnce() {
        Reader<S> current = reader;
        if (current == null) {
            return;
        }
        try {
            S snapshot = current.read();
            fx.accept(() -> show.accept(snapshot));
        } catch (Exception e) {
            // Never let one bad read end the schedule.
            fx.accept(() -> failed.accept(String.valueOf(e.getMessage())));
        }
    }

    /** Stops reading and closes the reader; blocks until the last read ended. */
    @Override
    public void close() {
        try {
            worker.execute(() -> {
                if (reader != null) {
                    reader.close();
                    reader = null;
                }
            });
        } catch (RejectedExecutionException closedBefore) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(15, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
