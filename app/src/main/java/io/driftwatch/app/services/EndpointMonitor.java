package io.driftwatch.app.services;

import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.ServerStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Attach mode: probes the endpoints a config file names, periodically and on its own background
 * thread, and delivers each result to the view-model through {@code fx} (Platform::runLater in
 * the app). It starts nothing and changes nothing on those servers.
 */
public final class EndpointMonitor implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-endpoint-monitor");
        t.setDaemon(true);
        return t;
    });
    private final ConfiguredEndpoints endpoints;
    private final PipelineViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;

    public EndpointMonitor(ConfiguredEndpoints endpoints, PipelineViewModel model, Consumer<Runnable> fx, Duration interval) {
        this.endpoints = endpoints;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    public void start() {
        fx.accept(() -> model.attaching(endpoints));
        worker.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        List<ServerStatus> status = endpoints.probe(CONNECT_TIMEOUT);
        fx.accept(() -> model.attached(endpoints, status));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
