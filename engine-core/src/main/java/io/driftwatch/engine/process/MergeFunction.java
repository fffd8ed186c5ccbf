package io.driftwatch.engine.process;

import io.driftwatch.engine.merge.Change;
import io.driftwatch.engine.merge.Conflict;
import io.driftwatch.engine.merge.ConflictDelta;
import io.driftwatch.engine.merge.MergeOutcome;
import io.driftwatch.engine.merge.RowMerger;
import io.driftwatch.engine.merge.RowState;
import io.driftwatch.engine.merging.ChangeBuilder;
import io.driftwatch.engine.merging.MergedRecords;
import io.driftwatch.engine.merging.ResolutionFormat;
import io.driftwatch.engine.merging.StateBytes;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.MergedWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Merges each row of a merged table (keyed by table and key): applies the change to the row's
 * merged state, writes the merged version under its merge sequence number, and records the
 * conflicts that appear or disappear. Reports MERGED for each row once its batch is written, so
 * the merge-visible number can pass its transaction. The merging itself is the merge library's.
 */
final class MergeFunction extends BatchWritingFunction {
    static final OutputTag<String> CONFLICTS = new OutputTag<>("conflicts", Types.STRING);

    private final ClickHouseSettings clickhouse;
    private final String registryUrl;
    private final MergeSettings merge;

    private transient ValueState<byte[]> state;
    private transient ValueState<byte[]> conflicts;
    private transient ValueState<Integer> valueSchema;
    private transient ValueState<Integer> keySchema;
    private transient ChangeBuilder changes;
    private transient RowMerger merger;
    private transient MergedWriter writer;

    MergeFunction(ClickHouseSettings clickhouse, String registryUrl, MergeSettings merge, long flushMillis) {
        super("unreported-merged", flushMillis);
        this.clickhouse = clickhouse;
        this.registryUrl = registryUrl;
        this.merge = merge;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("row-state", org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        conflicts = getRuntimeContext().getState(new ValueStateDescriptor<>("conflicts", org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        valueSchema = getRuntimeContext().getState(new ValueStateDescriptor<>("value-schema", Types.INT));
        keySchema = getRuntimeContext().getState(new ValueStateDescriptor<>("key-schema", Types.INT));
        merger = new RowMerger(merge.policies());
        changes = new ChangeBuilder(merger.policies());
        writer = new MergedWriter(new ClickHouseHttp(clickhouse.url(), clickhouse.user(), clickhouse.password()),
                new SchemaRegistryClient(registryUrl), clickhouse.database());
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        reports.release(out);
        try {
            merge(event, ctx);
        } catch (RuntimeException e) {
            PipelineEvent dead = PipelineEvent.of(PipelineEvent.Kind.DEAD, event.region, event.txId);
            dead.reason = "merge of " + event.table + " " + event.rowKey + " failed: " + e.getMessage();
            dead.coordinates = event.table + "@" + event.lsn;
            dead.rowJson = event.rowJson;
            if (event.change != null) {
                // An operator's resolution: the letter keeps the record as it came (Kafka's limit permitting).
                dead.reason = "resolution " + event.txId + " refused: " + e.getMessage();
                dead.coordinates = "resolutions@" + (event.commitPosition - 1);
                dead.rowJson = java.util.Base64.getEncoder().encodeToString(event.change.length <= DecodeFunction.MAX_DEAD_LETTER_VALUE
                        ? event.change : java.util.Arrays.copyOf(event.change, DecodeFunction.MAX_DEAD_LETTER_VALUE));
            }
            ctx.output(DecodeFunction.DEAD, dead);
        }
        PipelineEvent merged = PipelineEvent.of(PipelineEvent.Kind.MERGED, event.region, event.txId);
        merged.seq = event.seq;
        reports.add(merged, ctx.timerService());
    }

    private void merge(PipelineEvent event, Context ctx) throws Exception {
        Change change;
        if (event.change != null) {
            change = ResolutionFormat.decode(event.change).change();
            if (!change.table().equals(event.table) || !change.key().equals(event.rowKey)) {
                throw new IllegalArgumentException("a resolution for " + change.table() + " " + change.key() + " arrived with the headers of "
                        + event.table + " " + event.rowKey);
            }
        } else {
            change = changes.build(event.table, event.rowKey, event.region, event.op, event.vv, event.hlc, event.rowJson, event.beforeJson,
                    state.value() == null);
            valueSchema.update(event.valueSchemaId);
            keySchema.update(event.keySchemaId);
        }
        if (valueSchema.value() == null) {
            throw new IllegalArgumentException("a resolution for a row the merge has not seen");
        }
        RowState before = state.value() == null ? RowState.empty(change.table(), change.key()) : StateBytes.read(state.value(), RowState.class);
        MergeOutcome outcome = merger.apply(before, change);
        state.update(StateBytes.write(outcome.state()));
        Set<String> columns = writer.columns(change.table(), valueSchema.value(), keySchema.value());
        writer.addRow(change.table(), MergedRecords.row(outcome.state(), event.seq, columns).toString());

        List<Conflict> previous = List.of();
        if (conflicts.value() != null) {
            @SuppressWarnings("unchecked")
            List<Conflict> stored = StateBytes.read(conflicts.value(), ArrayList.class);
            previous = stored;
        }
        ConflictDelta delta = ConflictDelta.between(previous, outcome.conflicts());
        long at = System.currentTimeMillis();
        delta.opened().forEach(c -> record(MergedRecords.conflict(c, MergedRecords.OPEN, event.seq, at).toString(), ctx));
        delta.cleared().forEach(c -> record(MergedRecords.conflict(c, MergedRecords.CLEARED, event.seq, at).toString(), ctx));
        conflicts.update(StateBytes.write(new ArrayList<>(delta.open())));
    }

    private void record(String conflictJson, Context ctx) {
        writer.addConflict(conflictJson);
        ctx.output(CONFLICTS, conflictJson);
    }

    @Override
    protected void writeBatch() {
        writer.flush();
    }
}
