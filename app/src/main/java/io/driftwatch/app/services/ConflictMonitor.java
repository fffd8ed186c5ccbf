package io.driftwatch.app.services;

import io.driftwatch.app.conflicts.ConflictSource;
import io.driftwatch.app.conflicts.ConflictsViewModel;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens the pipeline's conflict desk on its own background thread once the servers answer, and
 * asks the conflicts screen to read it again periodically; the reads themselves run on the
 * view-model's background executor, so the FX thread never waits on ClickHouse or Kafka.
 */
public final class ConflictMonitor implements AutoCloseable {
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-conflict-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Function<StackEndpoints, ConflictDesk> connect;
    private final ConflictsViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private ConflictDesk desk;

    /**
     * @param connect how the desk reaches the servers; the app passes
     *                {@code e -> ConflictDesk.forLocalStack(e, LocalPipeline.PREFIX)}
     */
    public ConflictMonitor(Function<StackEndpoints, ConflictDesk> connect, ConflictsViewModel model, Consumer<Runnable> fx,
                           Duration interval) {
        this.connect = connect;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    /** Starts reading the conflicts of the pipeline at {@code endpoints}; any thread. */
    public void start(StackEndpoints endpoints) {
        worker.execute(() -> {
            try {
                desk = connect.apply(endpoints);
            } catch (RuntimeException e) {
                fx.accept(() -> model.failed(e.getMessage()));
                return;
            }
            ConflictSource source = ConflictSource.of(desk);
            fx.accept(() -> model.connect(source));
            worker.scheduleWithFixedDelay(() -> fx.accept(model::refresh), interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Stops reading and closes the desk. */
    @Override
    public void close() {
        try {
            worker.execute(() -> {
                if (desk != null) {
                    desk.close();
                    desk = null;
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedBefore) {
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
