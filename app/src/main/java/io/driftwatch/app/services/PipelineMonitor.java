package io.driftwatch.app.services;


import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.engine.api.ActivityProbe;
import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.DemoPipeline;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LatencySummary;
import io.driftwatch.engine.api.PipelineStatus;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts the local pipeline with GlobalMart's traffic and probes it periodically, always on its
 * own background thread; results reach the view-model through {@code fx} (Platform::runLater in
 * the app), so the FX thread never waits on a server.
 */
public final class PipelineMonitor implements AutoCloseable {
    /** How the pipeline is started; the app passes LocalPipeline::start with its options. */
    public interface Starter {
        DemoPipeline start(Consumer<String> progress) throws Exception;
    }


    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-pipeline-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Starter starter;
    private final PipelineViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private final int rate;
    private final Duration workload;
    private final List<Consumer<StackEndpoints>> started = new CopyOnWriteArrayList<>();
    private final Function<StackEndpoints, ActivityProbe> activity;
    private final List<Consumer<DemoPipeline>> running = new CopyOnWriteArrayList<>();
    private volatile DemoPipeline pipeline;
    private ActivityProbe activityProbe;

    /**
     * @param activity how the throughput counters are read; the app passes
     *                 {@code e -> clients.activityProbe(e, LagSources.forPipeline(LocalPipeline.PREFIX))}
     */
    public PipelineMonitor(Starter starter, Function<StackEndpoints, ActivityProbe> activity, int rate, Duration workload,
                           PipelineViewModel model, Consumer<Runnable> fx, Duration interval) {
        this.starter = starter;
        this.activity = activity;
        this.rate = rate;
        this.workload = workload;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    /**
     * Tells {@code listener} where the servers answer once the pipeline runs, on the monitor's
     * thread (so it must not block for long); register before {@link #start()}.
     */
    public void whenStarted(Consumer<StackEndpoints> listener) {
        started.add(listener);
    }

    /**
     * Hands {@code listener} the running pipeline, for screens that act on it (the regions screen
     * moves processing), on the monitor's thread like {@link #whenStarted}; register before {@link #start()}.
     */
    public void whenRunning(Consumer<DemoPipeline> listener) {
        running.add(listener);
    }

    public void start() {
        worker.execute(() -> {
            try {
                pipeline = starter.start(line -> fx.accept(() -> model.progress(line)));
                pipeline.startWorkload(rate, workload);
                StackEndpoints endpoints = pipeline.endpoints();
                activityProbe = activity.apply(endpoints);
                started.forEach(listener -> listener.accept(endpoints));
                DemoPipeline current = pipeline;
                running.forEach(listener -> listener.accept(current));
            } catch (Exception e) {
                fx.accept(() -> model.failed(e.getMessage()));
                return;
            }
            worker.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void probe() {
        DemoPipeline current = pipeline;
        if (current == null) {
            return;
        }
        try {
            probe(current);
        } catch (RuntimeException e) {
            // An exception would end the schedule for good; the next probe may well succeed.
            fx.accept(() -> model.probeFailed(e.getMessage()));
        }
    }

    private void probe(DemoPipeline current) {
        Instant at = Instant.now();
        PipelineStatus status = current.status();
        fx.accept(() -> model.update(status, at));
        ActivitySnapshot counters = activityProbe.read();
        fx.accept(() -> model.activity(counters));
        LatencySummary latency = current.latency(PipelineViewModel.LATENCY_WINDOW);
        Instant flinkAt = Instant.now();
        try {
            FlinkJobs.Job job = current.flinkJobs().jobs().stream().findFirst().orElse(null);
            fx.accept(() -> model.processing(job, job == null ? "no job" : null, latency, flinkAt));
        } catch (RuntimeException unreachable) {
            fx.accept(() -> model.processing(null, unreachable.getMessage(), latency, flinkAt));
        }
    }

    /** Stops probing and stops the pipeline; blocks until the servers are down. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (activityProbe != null) {
            activityProbe.close();
        }
        DemoPipeline current = pipeline;
        if (current != null) {
            current.close();
        }
    }
}
