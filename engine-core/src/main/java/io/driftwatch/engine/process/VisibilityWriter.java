package io.driftwatch.engine.process;

import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.CutKeeper;
import io.driftwatch.engine.sink.ViewCut;
import io.driftwatch.engine.sink.LatencyTable;
import io.driftwatch.engine.sink.ViewLayout;
import io.driftwatch.engine.txn.LatencySamples;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Publishes each region's visible position to ClickHouse, where the consistent views read it, and
 * records how long each transaction took from its source commit until it became visible.
 *
 * <p>Two modes. {@code TRANSACTION}: a new position is written at most {@code coalesceMillis}
 * after it is reached (lowest latency; replays after a crash rewrite the same rows, which
 * collapse). {@code CHECKPOINT}: a position is written only once the checkpoint that covers it
 * completed, so the views advance in step with Flink's exactly-once state.
 *
 * <p>Latencies are measured when the position's row is in ClickHouse, so they include the
 * coalescing or checkpoint wait; they are flushed to the latency table about once a second.
 * They are figures, not state: samples of a crashed attempt are lost, and a replay may count
 * a transaction twice.
 */
final class VisibilityWriter extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent>
        implements CheckpointedFunction, CheckpointListener {
    enum Mode { TRANSACTION, CHECKPOINT }

    private static final long LATENCY_FLUSH_MILLIS = 1_000;

    /** Commit times of the transactions that become visible once {@code position} is published. */
    private record Covered(long position, long[] commitTimes) {}

    private final ClickHouseSettings settings;
    private final Mode mode;
    private final long coalesceMillis;
    private transient ValueState<Long> latest;
    private transient Map<String, Long> reached;
    private transient Map<String, Long> published;
    private transient TreeMap<Long, Map<String, Long>> atCheckpoint;
    private transient Map<String, ArrayDeque<Covered>> awaitingPublication;
    private transient Map<String, LatencySamples> samples;
    private transient Map<String, Long> latencyFlushAt;
    private transient ClickHouseHttp clickhouse;
    private transient LatencyTable latencyTable;

    VisibilityWriter(ClickHouseSettings settings, Mode mode, long coalesceMillis) {
        this.settings = settings;
        this.mode = mode;
        this.coalesceMillis = coalesceMillis;
    }

    @Override
    public void open(OpenContext context) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
        clickhouse = new ClickHouseHttp(settings.url(), settings.user(), settings.password());
        clickhouse.execute(ViewLayout.createDatabase(settings.database()));
        clickhouse.execute(ViewLayout.createVisibility(settings.database()));
        clickhouse.execute(LatencyTable.create(settings.database()));
        latencyTable = new LatencyTable(clickhouse, settings.database());
        if (!settings.gatewayKeepsCut()) {
            // The job keeps the cut: it starts where the published positions are (a pipeline made
            // before the cut existed, or one whose gateway kept it until now).
            new CutKeeper(clickhouse, settings.database()).advance();
        }
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        Long known = latest.value();
        if (known != null && known >= event.commitPosition) {
            return;
        }
        latest.update(event.commitPosition);
        String region = ctx.getCurrentKey();
        if (event.commitTimes != null && event.commitTimes.length > 0) {
            awaitingPublication.computeIfAbsent(region, r -> new ArrayDeque<>()).add(new Covered(event.commitPosition, event.commitTimes));
        }
        boolean timerPending = reached.containsKey(region);
        reached.put(region, event.commitPosition);
        if (mode == Mode.TRANSACTION && !timerPending) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + coalesceMillis);
        }
        out.collect(event);
    }

    private void scheduleLatencyFlush(String region, TimerService timers) {
        if (!latencyFlushAt.containsKey(region)) {
            long at = timers.currentProcessingTime() + LATENCY_FLUSH_MILLIS;
            latencyFlushAt.put(region, at);
            timers.registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PipelineEvent> out) {
        String region = ctx.getCurrentKey();
        Long flushAt = latencyFlushAt.get(region);
        if (flushAt != null && timestamp >= flushAt) {
            latencyFlushAt.remove(region);
            flushLatencies(region);
        }
        if (mode == Mode.TRANSACTION) {
            Long position = reached.remove(region);
            if (position != null) {
                publish(Map.of(region, position));
            }
        }
        LatencySamples pending = samples.get(region);
        if (pending != null && !pending.isEmpty()) {
            scheduleLatencyFlush(region, ctx.timerService());
        }
    }

    private void publish(Map<String, Long> positions) {
        StringBuilder values = new StringBuilder();
        Map<String, Long> advanced = new HashMap<>();
        positions.forEach((region, position) -> {
            if (position > published.getOrDefault(region, -1L)) {
                values.append(values.length() == 0 ? "" : ", ").append("('").append(region.replace("'", "")).append("', ")
                        .append(position).append(")");
                published.put(region, position);
                advanced.put(region, position);
            }
        });
        if (values.length() == 0) {
            return;
        }
        clickhouse.execute("INSERT INTO " + ViewLayout.q(settings.database()) + "." + ViewLayout.q(ViewLayout.VISIBILITY)
                + " (region, position) VALUES " + values);
        if (!settings.gatewayKeepsCut()) {
            clickhouse.execute(ViewCut.insert(settings.database(), advanced));
        }
        long now = System.currentTimeMillis();
        advanced.forEach((region, position) -> {
            ArrayDeque<Covered> waiting = awaitingPublication.get(region);
            while (waiting != null && !waiting.isEmpty() && waiting.peekFirst().position() <= position) {
                samples.computeIfAbsent(region, r -> new LatencySamples()).visible(now, waiting.pollFirst().commitTimes());
            }
        });
    }

    private void flushLatencies(String region) {
        LatencySamples pending = samples.get(region);
        if (pending != null && !pending.isEmpty()) {
            latencyTable.insert(region, pending.drain());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (mode == Mode.CHECKPOINT && !reached.isEmpty()) {
            atCheckpoint.put(context.getCheckpointId(), new HashMap<>(reached));
            reached.clear();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (mode != Mode.CHECKPOINT) {
            return;
        }
        Map<String, Long> merged = new HashMap<>();
        for (Map<String, Long> positions : atCheckpoint.headMap(checkpointId, true).values()) {
            positions.forEach((region, position) -> merged.merge(region, position, Math::max));
        }
        atCheckpoint.headMap(checkpointId, true).clear();
        publish(merged);
        // Checkpoints are seconds apart: flushing here costs at most one insert per checkpoint.
        merged.keySet().forEach(this::flushLatencies);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        reached = new HashMap<>();
        published = new HashMap<>();
        atCheckpoint = new TreeMap<>();
        awaitingPublication = new HashMap<>();
        samples = new HashMap<>();
        latencyFlushAt = new HashMap<>();
    }
}
