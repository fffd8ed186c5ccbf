package io.driftwatch.engine.process;

import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewCut;
import io.driftwatch.engine.sink.MergedLayout;
import io.driftwatch.engine.sink.ViewLayout;
import io.driftwatch.engine.txn.MergeProgress;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Advances the merge-visible sequence number once every merged row of every transaction up to it
 * is written, and publishes it (at most every {@code coalesceMillis}) to ClickHouse, where the
 * merged views read it. The counting is {@link MergeProgress}'s.
 */
final class MergeVisibility extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent> {
    private final ClickHouseSettings settings;
    private final long coalesceMillis;
    private transient MapState<Long, Long> expected;
    private transient MapState<Long, Long> done;
    private transient ValueState<Long> visible;
    private transient ValueState<Long> published;
    private transient ClickHouseHttp clickhouse;

    MergeVisibility(ClickHouseSettings settings, long coalesceMillis) {
        this.settings = settings;
        this.coalesceMillis = coalesceMillis;
    }

    @Override
    public void open(OpenContext context) {
        expected = getRuntimeContext().getMapState(new MapStateDescriptor<>("expected", Types.LONG, Types.LONG));
        done = getRuntimeContext().getMapState(new MapStateDescriptor<>("done", Types.LONG, Types.LONG));
        visible = getRuntimeContext().getState(new ValueStateDescriptor<>("visible", Types.LONG));
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", Types.LONG));
        clickhouse = new ClickHouseHttp(settings.url(), settings.user(), settings.password());
        clickhouse.execute(ViewLayout.createDatabase(settings.database()));
        clickhouse.execute(MergedLayout.createMergeVisibility(settings.database()));
        clickhouse.execute(ViewCut.create(settings.database()));
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        if (event.kind == PipelineEvent.Kind.PARTS) {
            expected.put(event.seq, (long) event.parts);
        } else {
            Long n = done.get(event.seq);
            done.put(event.seq, n == null ? 1 : n + 1);
        }
        long before = visible.value() == null ? 0 : visible.value();
        long after = before;
        while (true) {
            long next = after + 1;
            Long want = expected.get(next);
            Long have = done.get(next);
            if (!MergeProgress.complete(want, have)) {
                break;
            }
            expected.remove(next);
            done.remove(next);
            after = next;
        }
        if (after > before) {
            visible.update(after);
            ctx.timerService().registerProcessingTimeTimer((ctx.timerService().currentProcessingTime() / coalesceMillis + 1) * coalesceMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PipelineEvent> out) throws Exception {
        long now = visible.value() == null ? 0 : visible.value();
        long was = published.value() == null ? 0 : published.value();
        if (now > was) {
            clickhouse.execute("INSERT INTO " + ViewLayout.q(settings.database()) + "." + ViewLayout.q(MergedLayout.MERGE_VISIBILITY)
                    + " (seq) VALUES (" + now + ")");
            if (!settings.gatewayKeepsCut()) {
                clickhouse.execute(ViewCut.insert(settings.database(), java.util.Map.of(ViewCut.MERGE, now)));
            }
            published.update(now);
        }
    }
}
