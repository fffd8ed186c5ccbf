package io.driftwatch.engine.process;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.Collector;

/**
 * Numbers merged transactions in one total order across regions (and operator resolutions): the
 * global merge sequence. Runs as a single key, so the order is one; a transaction's rows arrive
 * together from their region's visibility operator and share one number. For each number it
 * tells the merge-visibility operator how many merged rows to wait for.
 */
final class MergeSequencer extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent> {
    static final OutputTag<PipelineEvent> PARTS = new OutputTag<>("merge-parts", org.apache.flink.api.common.typeinfo.TypeInformation.of(PipelineEvent.class));

    private transient ValueState<Long> last;
    private transient MapState<String, Long> currentPosition;
    private transient MapState<String, Long> currentSeq;

    @Override
    public void open(OpenContext context) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seq", Types.LONG));
        currentPosition = getRuntimeContext().getMapState(new MapStateDescriptor<>("current-position", Types.STRING, Types.LONG));
        currentSeq = getRuntimeContext().getMapState(new MapStateDescriptor<>("current-seq", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        Long position = currentPosition.get(event.region);
        long seq;
        if (position != null && position == event.commitPosition) {
            seq = currentSeq.get(event.region);
        } else {
            seq = (last.value() == null ? 0 : last.value()) + 1;
            last.update(seq);
            currentPosition.put(event.region, event.commitPosition);
            currentSeq.put(event.region, seq);
            PipelineEvent parts = PipelineEvent.of(PipelineEvent.Kind.PARTS, event.region, event.txId);
            parts.seq = seq;
            parts.parts = event.parts;
            ctx.output(PARTS, parts);
        }
        event.seq = seq;
        out.collect(event);
    }
}
