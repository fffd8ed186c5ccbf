package io.driftwatch.app.services;

import io.driftwatch.engine.api.PipelineClients;

import io.driftwatch.app.pipeline.PipelineViewModel;
import io.driftwatch.engine.api.ActivityProbe;
import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.EngineCapture;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LatencySummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Pipeline screen's readings of a pipeline running elsewhere, every few seconds on its own
 * thread: PostgreSQL's and the views' counters (as for the local pipeline), each region's capture
 * from the engines' status reports, and the processing job from Flink's REST API at the address
 * its engine reports, with commit→visible from the views' latency table. Each source that does not
 * answer is named on the screen; the others still show.
 */
public final class AttachedMonitor implements AutoCloseable {
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-attached-monitor");
        t.setDaemon(true);
        return t;
    });
    private final AttachedPipeline pipeline;
    private final PipelineViewModel model;
    private final Consumer<Runnable> fx;
    private final Duration interval;
    private ActivityProbe activity;

    public AttachedMonitor(AttachedPipeline pipeline, PipelineViewModel model, Consumer<Runnable> fx, Duration interval) {
        this.pipeline = pipeline;
        this.model = model;
        this.fx = fx;
        this.interval = interval;
    }

    public AttachedMonitor start() {
        worker.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void probe() {
        Instant at = Instant.now();
        try {
            if (activity == null) {
                activity = PipelineClients.load().activityProbe(pipeline.endpoints(), pipeline.lagSources());
            }
            ActivitySnapshot counters = activity.read();
            fx.accept(() -> model.activity(counters));
        } catch (RuntimeException e) {
            fx.accept(() -> model.probeFailed(e.getMessage()));
        }
        Optional<FlinkJobs> flink;
        try {
            List<EngineCapture> captures = pipeline.captures(STATUS_TIMEOUT);
            fx.accept(() -> model.captures(captures, at));
            flink = pipeline.flinkJobs(STATUS_TIMEOUT);
        } catch (RuntimeException noEngine) {
            fx.accept(() -> model.processing(null, noEngine.getMessage(), null, at));
            return;
        }
        LatencySummary latency = pipeline.hasViews() ? pipeline.latency(PipelineViewModel.LATENCY_WINDOW) : null;
        if (flink.isEmpty()) {
            fx.accept(() -> model.processing(null, "no engine of " + pipeline.topicPrefix() + " reports a running job (run --config "
                    + "runs it unless --no-process)", latency, at));
            return;
        }
        try {
            FlinkJobs.Job job = flink.get().jobs().stream().findFirst().orElse(null);
            fx.accept(() -> model.processing(job, job == null ? "no job" : null, latency, at));
        } catch (RuntimeException unreachable) {
            fx.accept(() -> model.processing(null, unreachable.getMessage(), latency, at));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (activity != null) {
            activity.close();
        }
    }
}
