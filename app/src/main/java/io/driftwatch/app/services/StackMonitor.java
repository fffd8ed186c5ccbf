package io.driftwatch.app.services;

import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts the local stack and probes it periodically, always on its own background thread;
 * results reach the view-model through {@code fx} (Platform::runLater in the app), so the FX
 * thread never waits on a server.
 */
public final class StackMonitor implements AutoCloseable {
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-stack-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Function<Consumer<String>, StackHandle> starter;
    private final PipelineViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private volatile StackHandle stack;

    public StackMonitor(Function<Consumer<String>, StackHandle> starter, PipelineViewModel model, Consumer<Runnable> fx,
                        Duration interval) {
        this.starter = starter;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    public void start() {
        worker.execute(() -> {
            try {
                stack = starter.apply(line -> fx.accept(() -> model.progress(line)));
            } catch (RuntimeException e) {
                fx.accept(() -> model.failed(e.getMessage()));
                return;
            }
            worker.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void probe() {
        StackHandle current = stack;
        if (current == null) {
            return;
        }
        List<ServerStatus> status = current.status();
        fx.accept(() -> model.update(status));
    }

    /** Stops probing and stops the stack; blocks until the servers are down. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StackHandle current = stack;
        if (current != null) {
            current.close();
        }
    }
}
