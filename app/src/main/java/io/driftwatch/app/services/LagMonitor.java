package io.driftwatch.app.services;

import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Probes every lag of the running pipeline periodically, on its own background thread; each
 * snapshot reaches the view-model through {@code fx} (Platform::runLater in the app), so the FX
 * thread never waits on PostgreSQL, Kafka or ClickHouse.
 */
public final class LagMonitor implements AutoCloseable {
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-lag-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Function<StackEndpoints, LagProbe> connect;
    private final LagViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private LagProbe probe;

    /**
     * @param connect how a probe reaches the servers; the app passes
     *                {@code e -> LagProbe.connect(e, LagSources.forPipeline(LocalPipeline.PREFIX))}
     */
    public LagMonitor(Function<StackEndpoints, LagProbe> connect, LagViewModel model, Consumer<Runnable> fx, Duration interval) {
        this.connect = connect;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    /** Starts probing the servers at {@code endpoints}; any thread. */
    public void start(StackEndpoints endpoints) {
        worker.execute(() -> {
            try {
                probe = connect.apply(endpoints);
            } catch (RuntimeException e) {
                fx.accept(() -> model.failed(e.getMessage()));
                return;
            }
            worker.scheduleWithFixedDelay(this::probeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void probeOnce() {
        try {
            LagSnapshot snapshot = probe.probe();
            fx.accept(() -> model.update(snapshot));
        } catch (RuntimeException e) {
            // Never let one bad probe end the schedule.
            fx.accept(() -> model.failed(e.getMessage()));
        }
    }

    /** Stops probing and closes the probe's connections; blocks until the last probe ended. */
    @Override
    public void close() {
        try {
            worker.execute(() -> {
                if (probe != null) {
                    probe.close();
                    probe = null;
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
