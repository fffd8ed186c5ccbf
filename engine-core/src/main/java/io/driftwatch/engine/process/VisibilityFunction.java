package io.driftwatch.engine.process;

import io.driftwatch.engine.txn.VisibilityTracker;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per region, advances the visible position: from the END markers (which transactions exist, in
 * commit order) and the WRITTEN reports (which are in the views). The decision is
 * {@link VisibilityTracker}'s; this operator keeps its state, the commit times of the
 * transactions not yet visible (for the latency figures), and the rows of merged tables, which it
 * hands to the merge once their transaction is visible.
 *
 * <p>State changes one entry at a time, and reads come from a copy on the heap rebuilt from the
 * state after a restore: scanning RocksDB maps per event would cost in proportion to the
 * transactions in flight.
 */
final class VisibilityFunction extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent> {
    static final OutputTag<PipelineEvent> MERGE = new OutputTag<>("merge", TypeInformation.of(PipelineEvent.class));

    /** A region's state as read from the heap. */
    private static final class Region {
        VisibilityTracker tracker;
        final TreeMap<Long, Long> commitTimes = new TreeMap<>();
        final TreeMap<Long, List<String>> merges = new TreeMap<>();
    }

    private transient MapState<Long, String> pending;
    private transient MapState<Long, Boolean> written;
    private transient ValueState<Long> visible;
    private transient MapState<Long, Long> commitTimes;
    /** Rows of merged tables, by "position|table|key", held until their transaction is visible. */
    private transient MapState<String, PipelineEvent> toMerge;
    private transient Map<String, Region> regions;
    /** END markers of transactions already visible: read again after a restore or a move between regions, and skipped. */
    private transient org.apache.flink.metrics.Counter duplicates;
    static final String DUPLICATES_METRIC = "duplicateTransactions";

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.STRING));
        written = getRuntimeContext().getMapState(new MapStateDescriptor<>("written", Types.LONG, Types.BOOLEAN));
        visible = getRuntimeContext().getState(new ValueStateDescriptor<>("visible", Types.LONG));
        commitTimes = getRuntimeContext().getMapState(new MapStateDescriptor<>("commit-times", Types.LONG, Types.LONG));
        toMerge = getRuntimeContext().getMapState(new MapStateDescriptor<>("to-merge", Types.STRING, TypeInformation.of(PipelineEvent.class)));
        regions = new HashMap<>();
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    private Region region(String key, long visiblePosition) throws Exception {
        Region region = regions.get(key);
        if (region != null) {
            return region;
        }
        region = new Region();
        Map<Long, String> pendingNow = new TreeMap<>();
        for (Map.Entry<Long, String> e : pending.entries()) {
            pendingNow.put(e.getKey(), e.getValue());
        }
        Set<Long> writtenNow = new HashSet<>();
        for (Long position : written.keys()) {
            writtenNow.add(position);
        }
        region.tracker = VisibilityTracker.restore(new VisibilityTracker.Snapshot(visiblePosition, pendingNow, writtenNow));
        for (Map.Entry<Long, Long> e : commitTimes.entries()) {
            region.commitTimes.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, PipelineEvent> e : toMerge.entries()) {
            region.merges.computeIfAbsent(e.getValue().commitPosition, p -> new ArrayList<>()).add(e.getKey());
        }
        regions.put(key, region);
        return region;
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        long before = visible.value() == null ? 0 : visible.value();
        Region region = region(ctx.getCurrentKey(), before);
        if (event.kind == PipelineEvent.Kind.MERGE) {
            if (event.commitPosition <= before) {
                return; // a row of a transaction already merged, read again: the merge has it
            }
            String key = event.commitPosition + "|" + event.table + "|" + event.rowKey;
            toMerge.put(key, event);
            region.merges.computeIfAbsent(event.commitPosition, p -> new ArrayList<>()).add(key);
            return;
        }
        long after;
        if (event.kind == PipelineEvent.Kind.END) {
            if (event.commitPosition <= before) {
                duplicates.inc();
            }
            if (event.commitPosition > before) {
                pending.put(event.commitPosition, event.txId);
                if (event.sourceTsMs > 0) {
                    commitTimes.put(event.commitPosition, event.sourceTsMs);
                    region.commitTimes.put(event.commitPosition, event.sourceTsMs);
                }
            }
            after = region.tracker.ended(event.commitPosition, event.txId);
        } else {
            if (event.commitPosition > before) {
                written.put(event.commitPosition, Boolean.TRUE);
            }
            after = region.tracker.written(event.commitPosition);
        }
        if (after <= before) {
            return;
        }
        for (Long position : region.tracker.passed()) {
            pending.remove(position);
            written.remove(position);
        }
        pending.remove(event.commitPosition);
        written.remove(event.commitPosition);
        visible.update(after);
        PipelineEvent advance = PipelineEvent.of(PipelineEvent.Kind.VISIBLE, ctx.getCurrentKey(), event.txId);
        advance.commitPosition = after;
        advance.sourceTsMs = event.sourceTsMs;
        advance.commitTimes = madeVisible(region, after);
        out.collect(advance);
        releaseMerges(region, after, ctx);
    }

    private long[] madeVisible(Region region, long upTo) throws Exception {
        Map<Long, Long> now = region.commitTimes.headMap(upTo, true);
        long[] times = new long[now.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            times[i++] = e.getValue();
            commitTimes.remove(e.getKey());
        }
        now.clear();
        return times;
    }

    /** Hands the merged-table rows of the transactions now visible to the merge, in commit order. */
    private void releaseMerges(Region region, long upTo, Context ctx) throws Exception {
        Map<Long, List<String>> ready = region.merges.headMap(upTo, true);
        for (List<String> transaction : ready.values()) {
            for (String key : transaction) {
                PipelineEvent row = toMerge.get(key);
                if (row != null) {
                    ctx.output(MERGE, row);
                    toMerge.remove(key);
                }
            }
        }
        ready.clear();
    }
}
