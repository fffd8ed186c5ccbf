package io.driftwatch.engine.process;

import io.driftwatch.engine.txn.VisibilityTracker;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per region, advances the visible position: from the END markers (which transactions exist, in
 * commit order) and the WRITTEN reports (which are in the views). The decision is
 * {@link VisibilityTracker}'s; this operator only keeps its state.
 */
final class VisibilityFunction extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent> {
    private transient MapState<Long, String> pending;
    private transient MapState<Long, Boolean> written;
    private transient ValueState<Long> visible;

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.STRING));
        written = getRuntimeContext().getMapState(new MapStateDescriptor<>("written", Types.LONG, Types.BOOLEAN));
        visible = getRuntimeContext().getState(new ValueStateDescriptor<>("visible", Types.LONG));
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        long before = visible.value() == null ? 0 : visible.value();
        Map<Long, String> pendingNow = new TreeMap<>();
        for (Map.Entry<Long, String> e : pending.entries()) {
            pendingNow.put(e.getKey(), e.getValue());
        }
        Set<Long> writtenNow = new HashSet<>();
        for (Long position : written.keys()) {
            writtenNow.add(position);
        }
        VisibilityTracker tracker = VisibilityTracker.restore(new VisibilityTracker.Snapshot(before, pendingNow, writtenNow));
        long after = event.kind == PipelineEvent.Kind.END
                ? tracker.ended(event.commitPosition, event.txId)
                : tracker.written(event.commitPosition);
        VisibilityTracker.Snapshot state = tracker.snapshot();
        pending.clear();
        pending.putAll(state.pending());
        written.clear();
        for (Long position : state.written()) {
            written.put(position, Boolean.TRUE);
        }
        if (after > before) {
            visible.update(after);
            PipelineEvent advance = PipelineEvent.of(PipelineEvent.Kind.VISIBLE, ctx.getCurrentKey(), event.txId);
            advance.commitPosition = after;
            advance.sourceTsMs = event.sourceTsMs;
            out.collect(advance);
        }
    }
}
