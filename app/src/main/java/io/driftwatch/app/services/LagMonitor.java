package io.driftwatch.app.services;


import io.driftwatch.app.common.PeriodicProbe;
import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Probes every lag of the running pipeline periodically, on its own background thread; each
 * snapshot reaches the view-model through {@code fx} (Platform::runLater in the app), so the FX
 * thread never waits on PostgreSQL, Kafka or ClickHouse.
 */
public final class LagMonitor implements AutoCloseable {
    private final PeriodicProbe<LagProbe> schedule;
    private final Function<StackEndpoints, LagProbe> connect;
    private final LagViewModel model;
    private final Consumer<Runnable> fx;
    private final List<Consumer<LagSnapshot>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param connect how a probe reaches the servers; the app passes
     *                {@code e -> clients.lagProbe(e, LagSources.forPipeline(LocalPipeline.PREFIX))}
     */
    public LagMonitor(Function<StackEndpoints, LagProbe> connect, LagViewModel model, Consumer<Runnable> fx, Duration interval) {
        this.schedule = new PeriodicProbe<>("driftwatch-lag-monitor", Duration.ZERO, interval);
        this.connect = connect;
        this.model = model;
        this.fx = fx;
    }

    /**
     * Also hands every snapshot to {@code listener}, on the FX thread after the lag screen had it;
     * the pipeline screen reads Kafka's end offsets and the replication slots from it, so the
     * servers are asked once for both screens. Register before {@link #start}.
     */
    public void whenProbed(Consumer<LagSnapshot> listener) {
        listeners.add(listener);
    }

    /** Starts probing the servers at {@code endpoints}; any thread. */
    public void start(StackEndpoints endpoints) {
        schedule.start(() -> connect.apply(endpoints), probe -> {}, probe -> {
            LagSnapshot snapshot = probe.probe();
            fx.accept(() -> {
                model.update(snapshot);
                listeners.forEach(l -> l.accept(snapshot));
            });
        }, e -> fx.accept(() -> model.failed(e.getMessage())));
    }

    /** Stops probing and closes the probe's connections; blocks until the last probe ended. */
    @Override
    public void close() {
        schedule.close();
    }
}
