package io.driftwatch.engine.process;

import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewLayout;
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
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Publishes each region's visible position to ClickHouse, where the consistent views read it.
 *
 * <p>Two modes. {@code TRANSACTION}: a new position is written at most {@code coalesceMillis}
 * after it is reached (lowest latency; replays after a crash rewrite the same rows, which
 * collapse). {@code CHECKPOINT}: a position is written only once the checkpoint that covers it
 * completed, so the views advance in step with Flink's exactly-once state.
 */
final class VisibilityWriter extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent>
        implements CheckpointedFunction, CheckpointListener {
    enum Mode { TRANSACTION, CHECKPOINT }

    private final ClickHouseSettings settings;
    private final Mode mode;
    private final long coalesceMillis;
    private transient ValueState<Long> latest;
    private transient Map<String, Long> reached;
    private transient Map<String, Long> published;
    private transient TreeMap<Long, Map<String, Long>> atCheckpoint;
    private transient ClickHouseHttp clickhouse;

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
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        Long known = latest.value();
        if (known != null && known >= event.commitPosition) {
            return;
        }
        latest.update(event.commitPosition);
        boolean timerPending = reached.containsKey(ctx.getCurrentKey());
        reached.put(ctx.getCurrentKey(), event.commitPosition);
        if (mode == Mode.TRANSACTION && !timerPending) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + coalesceMillis);
        }
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PipelineEvent> out) {
        Long position = reached.remove(ctx.getCurrentKey());
        if (position != null) {
            publish(Map.of(ctx.getCurrentKey(), position));
        }
    }

    private void publish(Map<String, Long> positions) {
        StringBuilder values = new StringBuilder();
        positions.forEach((region, position) -> {
            if (position > published.getOrDefault(region, -1L)) {
                values.append(values.length() == 0 ? "" : ", ").append("('").append(region.replace("'", "")).append("', ")
                        .append(position).append(")");
                published.put(region, position);
            }
        });
        if (values.length() > 0) {
            clickhouse.execute("INSERT INTO " + ViewLayout.q(settings.database()) + "." + ViewLayout.q(ViewLayout.VISIBILITY)
                    + " (region, position) VALUES " + values);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (mode == Mode.CHECKPOINT && !reached.isEmpty()) {
            atCheckpoint.put(context.getCheckpointId(), new HashMap<>(reached));
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
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        reached = new HashMap<>();
        published = new HashMap<>();
        atCheckpoint = new TreeMap<>();
    }
}
