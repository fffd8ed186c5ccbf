package io.driftwatch.engine.capture;

import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.EmptyTableViews;
import io.driftwatch.engine.sink.TableShape;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds, reads which tables capture takes from the first region's catalog that
 * answers and gives each table still without rows its consistent view ({@link EmptyTableViews}),
 * so a table created while the pipeline runs has its view within one period, rows or not.
 */
public final class EmptyTableWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmptyTableWatch.class);

    private final List<CaptureSettings> regions;
    private final EmptyTableViews views;
    private final Consumer<String> say;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-empty-table-views");
        t.setDaemon(true);
        return t;
    });
    private String lastError;
    /** The catalog is read every status interval: over a kept connection per region, not a login each time. */
    private final java.util.Map<CaptureSettings, KeptConnection> connections = new java.util.concurrent.ConcurrentHashMap<>();

    private EmptyTableWatch(List<CaptureSettings> regions, EmptyTableViews views, Consumer<String> say) {
        this.regions = List.copyOf(regions);
        this.views = views;
        this.say = say;
    }

    /**
     * Starts watching the catalogs of {@code regions}' sources; {@code say} hears the views it
     * creates and, once per distinct error, why it could not.
     */
    public static EmptyTableWatch start(List<CaptureSettings> regions, ClickHouseHttp clickhouse, String database, List<String> viewRegions,
                                        Set<String> mergedTables, Duration every, Consumer<String> say) {
        EmptyTableWatch watch = new EmptyTableWatch(regions, new EmptyTableViews(clickhouse, database, viewRegions, mergedTables), say);
        watch.timer.scheduleWithFixedDelay(watch::once, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void once() {
        List<TableShape> tables = null;
        Exception failure = null;
        for (CaptureSettings region : regions) {
            try {
                tables = connections.computeIfAbsent(region, KeptConnection::new).look(c -> SourceTables.read(region, c));
                break;
            } catch (Exception e) {
                failure = e;
            }
        }
        try {
            if (tables == null) {
                throw failure == null ? new IllegalStateException("no region to read the catalog of") : failure;
            }
            List<String> created = views.ensure(tables);
            if (!created.isEmpty()) {
                say.accept("consistent view ready for " + String.join(", ", created) + " (no rows yet)");
            }
            lastError = null;
        } catch (Exception e) {
            String error = "views of tables without rows: " + e.getMessage();
            LOG.info(error, e); // the terminal hears the line below; the trace goes to the log file
            if (!error.equals(lastError)) {
                say.accept(error + " (retrying)");
            }
            lastError = error;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.values().forEach(KeptConnection::close);
    }
}
