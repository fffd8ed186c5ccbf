package io.driftwatch.engine.process;

import io.driftwatch.engine.txn.VisibilityTracker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    /** Commit time of each ended transaction not yet visible, for the latency figures. */
    private transient MapState<Long, Long> commitTimes;
    /** Rows of merged tables, by "position|table|key", held until their transaction is visible. */
    private transient MapState<String, PipelineEvent> toMerge;

    static final org.apache.flink.util.OutputTag<PipelineEvent> MERGE = new org.apache.flink.util.OutputTag<>("merge",
            org.apache.flink.api.common.typeinfo.TypeInformation.of(PipelineEvent.class));

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.STRING));
        written = getRuntimeContext().getMapState(new MapStateDescriptor<>("written", Types.LONG, Types.BOOLEAN));
        visible = getRuntimeContext().getState(new ValueStateDescriptor<>("visible", Types.LONG));
        commitTimes = getRuntimeContext().getMapState(new MapStateDescriptor<>("commit-times", Types.LONG, Types.LONG));
        trackers = new java.util.HashMap<>();
        toMerge = getRuntimeContext().getMapState(new MapStateDescriptor<>("to-merge", Types.STRING,
                org.apache.flink.api.common.typeinfo.TypeInformation.of(PipelineEvent.class)));
    }

    /** The trackers of this subtask's regions, rebuilt from state after a restore. */
    private transient Map<String, VisibilityTracker> trackers;

    private VisibilityTracker restore(long visiblePosition) throws Exception {
        Map<Long, String> pendingNow = new TreeMap<>();
        for (Map.Entry<Long, String> e : pending.entries()) {
            pendingNow.put(e.getKey(), e.getValue());
        }
        Set<Long> writtenNow = new HashSet<>();
        for (Long position : written.keys()) {
            writtenNow.add(position);
        }
        return VisibilityTracker.restore(new VisibilityTracker.Snapshot(visiblePosition, pendingNow, writtenNow));
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        long before = visible.value() == null ? 0 : visible.value();
        if (event.kind == PipelineEvent.Kind.MERGE) {
            toMerge.put(event.commitPosition + "|" + event.table + "|" + event.rowKey, event);
            return;
        }
        VisibilityTracker tracker = trackers.get(ctx.getCurrentKey());
        if (tracker == null) {
            tracker = restore(before);
            trackers.put(ctx.getCurrentKey(), tracker);
        }
        Set<Long> pendingBefore = tracker.snapshot().pending().keySet();
        long after;
        if (event.kind == PipelineEvent.Kind.END) {
            if (event.commitPosition > before) {
                pending.put(event.commitPosition, event.txId);
                if (event.sourceTsMs > 0) {
                    commitTimes.put(event.commitPosition, event.sourceTsMs);
                }
            }
            after = tracker.ended(event.commitPosition, event.txId);
        } else {
            if (event.commitPosition > before) {
                written.put(event.commitPosition, Boolean.TRUE);
            }
            after = tracker.written(event.commitPosition);
        }
        // State changes by single entries: rewriting whole maps per event would cost RocksDB
        // writes proportional to the transactions in flight.
        if (after > before) {
            for (Long position : pendingBefore) {
                if (position <= after) {
                    pending.remove(position);
                    written.remove(position);
                }
            }
            pending.remove(event.commitPosition);
            written.remove(event.commitPosition);
        }
        if (after > before) {
            visible.update(after);
            PipelineEvent advance = PipelineEvent.of(PipelineEvent.Kind.VISIBLE, ctx.getCurrentKey(), event.txId);
            advance.commitPosition = after;
            advance.sourceTsMs = event.sourceTsMs;
            advance.commitTimes = madeVisible(after);
            out.collect(advance);
            releaseMerges(after, ctx);
        }
    }

    private long[] madeVisible(long upTo) throws Exception {
        List<Long> positions = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (Map.Entry<Long, Long> e : commitTimes.entries()) {
            if (e.getKey() <= upTo) {
                positions.add(e.getKey());
                times.add(e.getValue());
            }
        }
        for (Long position : positions) {
            commitTimes.remove(position);
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** Hands the merged-table rows of the transactions now visible to the merge, in commit order. */
    private void releaseMerges(long upTo, Context ctx) throws Exception {
        TreeMap<Long, List<Map.Entry<String, PipelineEvent>>> ready = new TreeMap<>();
        for (Map.Entry<String, PipelineEvent> e : toMerge.entries()) {
            if (e.getValue().commitPosition <= upTo) {
                ready.computeIfAbsent(e.getValue().commitPosition, p -> new ArrayList<>()).add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        for (List<Map.Entry<String, PipelineEvent>> transaction : ready.values()) {
            for (Map.Entry<String, PipelineEvent> e : transaction) {
                ctx.output(MERGE, e.getValue());
                toMerge.remove(e.getKey());
            }
        }
    }
}
