package io.driftwatch.app.services;

import io.driftwatch.app.common.PeriodicProbe;
import io.driftwatch.app.conflicts.ConflictSource;
import io.driftwatch.app.conflicts.ConflictsViewModel;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens the pipeline's conflict desk on its own background thread once the servers answer, and
 * asks the conflicts screen to read it again periodically; the reads themselves run on the
 * view-model's background executor, so the FX thread never waits on ClickHouse or Kafka.
 */
public final class ConflictMonitor implements AutoCloseable {
    private final PeriodicProbe<ConflictDesk> schedule;
    private final Function<StackEndpoints, ConflictDesk> connect;
    private final ConflictsViewModel model;
    private final Consumer<Runnable> fx;
    private final Function<ConflictDesk, ConflictSource> source;

    /**
     * @param connect how the desk reaches the servers; the app passes
     *                {@code e -> ConflictDesk.forLocalStack(e, LocalPipeline.PREFIX)}
     */
    public ConflictMonitor(Function<StackEndpoints, ConflictDesk> connect, ConflictsViewModel model, Consumer<Runnable> fx,
                           Duration interval) {
        this(connect, ConflictSource::of, model, fx, interval);
    }

    /** @param source how decisions reach the pipeline: through the desk itself, or as commands to an attached engine */
    public ConflictMonitor(Function<StackEndpoints, ConflictDesk> connect, Function<ConflictDesk, ConflictSource> source, ConflictsViewModel model,
                           Consumer<Runnable> fx, Duration interval) {
        this.source = source;
        // The first read comes with connecting; the schedule rereads after one interval.
        this.schedule = new PeriodicProbe<>("driftwatch-conflict-monitor", interval, interval);
        this.connect = connect;
        this.model = model;
        this.fx = fx;
    }

    /** Starts reading the conflicts of the pipeline at {@code endpoints}; any thread. */
    public void start(StackEndpoints endpoints) {
        schedule.start(() -> connect.apply(endpoints), desk -> {
            ConflictSource connected = source.apply(desk);
            fx.accept(() -> model.connect(connected));
        }, desk -> fx.accept(model::refresh), e -> fx.accept(() -> model.failed(e.getMessage())));
    }

    /** Stops reading and closes the desk. */
    @Override
    public void close() {
        schedule.close();
    }
}
