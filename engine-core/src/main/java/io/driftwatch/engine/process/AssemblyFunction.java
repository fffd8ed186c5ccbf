package io.driftwatch.engine.process;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.VersionedRow;
import io.driftwatch.engine.sink.ViewWriter;
import io.driftwatch.engine.txn.TransactionProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Assembles source transactions (keyed by region and txid) and writes each complete one to the
 * views' rows tables; then reports it WRITTEN, which lets the visible position pass it.
 *
 * <p>A transaction's events wait until its END arrived and the per-table counts are met. Most
 * transactions are small and complete within milliseconds: they wait on the heap
 * ({@link OpenTransaction}), and a checkpoint keeps those still open in operator state. One
 * that grows past {@link #SPILL_ROWS} rows, or arrives while the heap holds {@link #HEAP_ROWS}
 * rows already, moves to keyed state (RocksDB: on disk, so a very large transaction does not
 * have to fit in memory) and completes there. Keeping every transaction in RocksDB cost a
 * dozen state accesses per event and a checkpoint full of rows written and deleted since the
 * last one (docs/VIEWS.md, "Assembly on the heap"). Events
 * re-sent after a capture restart are recognised (a row's changes arrive in WAL order) and counted once.
 * Within a transaction only the last change of each row is written: intermediate states of a
 * transaction are never visible anyway. Rows are written in batches (at most every
 * {@code flushMillis}, and always before a checkpoint), and WRITTEN is reported only after the
 * batch holding the transaction's rows was accepted.
 */
final class AssemblyFunction extends BatchWritingFunction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AssemblyFunction.class);
    private final ClickHouseSettings clickhouse;
    private final String registryUrl;
    private final int flushRows;
    private final java.util.Set<String> mergedTables;

    private transient MapState<String, PipelineEvent> rows;
    // Small per-transaction maps (one entry per table) kept as single values: a read or a clear is
    // then one RocksDB lookup, not an iterator.
    private transient ValueState<Map<String, Long>> seenCounts;
    private transient ValueState<Map<String, Long>> declared;
    private transient ValueState<Long> commitPosition;
    private transient ViewWriter writer;
    /** Open transactions on the heap, by key; their rows together. */
    private transient Map<String, OpenTransaction> open;
    private transient int heldRows;
    /** The heap's open transactions at the last checkpoint (union: a rescaled job finds each where its key went). */
    private transient org.apache.flink.api.common.state.ListState<PipelineEvent> openAtCheckpoint;

    /** Rows of one transaction beyond which it moves to keyed state. */
    static final int SPILL_ROWS = 5_000;
    /** Rows all heap transactions together may hold; a transaction arriving beyond it starts in keyed state. */
    static final int HEAP_ROWS = 50_000;

    AssemblyFunction(ClickHouseSettings clickhouse, String registryUrl, long flushMillis, int flushRows, java.util.Set<String> mergedTables) {
        super("unreported", flushMillis);
        this.clickhouse = clickhouse;
        this.registryUrl = registryUrl;
        this.flushRows = flushRows;
        this.mergedTables = new java.util.TreeSet<>(mergedTables);
    }

    @Override
    public void open(OpenContext context) {
        rows = getRuntimeContext().getMapState(new MapStateDescriptor<>("rows", Types.STRING, TypeInformation.of(PipelineEvent.class)));
        seenCounts = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-counts", Types.MAP(Types.STRING, Types.LONG)));
        declared = getRuntimeContext().getState(new ValueStateDescriptor<>("declared", Types.MAP(Types.STRING, Types.LONG)));
        commitPosition = getRuntimeContext().getState(new ValueStateDescriptor<>("commit-position", Types.LONG));
        writer = new ViewWriter(new ClickHouseHttp(clickhouse.url(), clickhouse.user(), clickhouse.password()),
                new SchemaRegistryClient(registryUrl), clickhouse.database(), clickhouse.regions());
    }

    @Override
    public void processElement(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        reports.release(out);
        String key = ctx.getCurrentKey();
        OpenTransaction held = open.get(key);
        if (held == null) {
            if (inKeyedState()) {
                assembleInState(event, ctx, out);
                return;
            }
            held = new OpenTransaction();
            open.put(key, held);
        }
        int before = held.size();
        boolean news = event.kind == PipelineEvent.Kind.ROW ? held.add(event) : event.kind == PipelineEvent.Kind.END && held.end(event);
        heldRows += held.size() - before;
        if (news && held.ended()) {
            TransactionProgress progress = held.progress();
            if (progress.complete()) {
                open.remove(key);
                heldRows -= held.size();
                write(key, progress.commitPosition(), ctx, event, held.rows(), out);
            } else if (progress.overfull()) {
                throw overfull(key, progress);
            }
        }
        if (open.get(key) == held && (held.size() > SPILL_ROWS || heldRows > HEAP_ROWS)) {
            spill(key, held);
        }
        if (writer.buffered() >= flushRows) {
            reports.flush(out);
        }
    }

    private static IllegalStateException overfull(String key, TransactionProgress progress) {
        return new IllegalStateException("transaction " + key + " has more events than its END declares: seen "
                + progress.seen() + ", declared " + progress.declared());
    }

    /** Whether this key's transaction is in keyed state: spilled, or restored from a checkpoint taken before the heap held transactions. */
    private boolean inKeyedState() throws Exception {
        return seenCounts.value() != null || commitPosition.value() != null;
    }

    /** Moves a heap transaction to keyed state, where it completes. */
    private void spill(String key, OpenTransaction held) throws Exception {
        LOG.info("transaction {} holds {} rows ({} on the heap in all): it goes on assembling in keyed state", key, held.size(), heldRows);
        for (PipelineEvent row : held.rows()) {
            rows.put(OpenTransaction.rowId(row), row);
        }
        seenCounts.update(new HashMap<>(held.seen()));
        if (held.ended()) {
            declared.update(new HashMap<>(held.declared()));
            commitPosition.update(held.endMarker().commitPosition);
        }
        open.remove(key);
        heldRows -= held.size();
    }

    /** A transaction in keyed state: the same assembly, each step a state access. */
    private void assembleInState(PipelineEvent event, Context ctx, Collector<PipelineEvent> out) throws Exception {
        if (event.kind == PipelineEvent.Kind.ROW) {
            String rowId = OpenTransaction.rowId(event);
            if (!OpenTransaction.follows(rows.get(rowId), event)) {
                return;
            }
            rows.put(rowId, event);
            Map<String, Long> counts = seenCounts.value() == null ? new HashMap<>() : seenCounts.value();
            counts.merge(event.table, 1L, Long::sum);
            seenCounts.update(counts);
        } else if (event.kind == PipelineEvent.Kind.END) {
            if (commitPosition.value() != null) {
                return; // a repeated END
            }
            declared.update(OpenTransaction.declaredCounts(event.counts));
            commitPosition.update(event.commitPosition);
        }
        if (commitPosition.value() == null) {
            // Before its END a transaction cannot be complete: no need to read its counts (each
            // read is a RocksDB lookup per table).
            if (writer.buffered() >= flushRows) {
                reports.flush(out);
            }
            return;
        }
        TransactionProgress progress = progress();
        if (progress.complete()) {
            List<PipelineEvent> all = new ArrayList<>();
            for (java.util.Iterator<Map.Entry<String, PipelineEvent>> it = rows.iterator(); it.hasNext(); ) {
                all.add(it.next().getValue());
                it.remove(); // emptied as it is read: one pass over the transaction's rows
            }
            seenCounts.clear();
            declared.clear();
            commitPosition.clear();
            write(ctx.getCurrentKey(), progress.commitPosition(), ctx, event, all, out);
        } else if (progress.overfull()) {
            throw overfull(ctx.getCurrentKey(), progress);
        }
        if (writer.buffered() >= flushRows) {
            reports.flush(out);
        }
    }

    private TransactionProgress progress() throws Exception {
        Map<String, Long> seenNow = seenCounts.value() == null ? new HashMap<>() : new HashMap<>(seenCounts.value());
        Long position = commitPosition.value();
        if (position == null) {
            return new TransactionProgress(seenNow, null, TransactionProgress.UNKNOWN);
        }
        Map<String, Long> declaredNow = declared.value() == null ? new HashMap<>() : new HashMap<>(declared.value());
        return new TransactionProgress(seenNow, declaredNow, position);
    }

    private void write(String key, long position, Context ctx, PipelineEvent trigger, Iterable<PipelineEvent> transaction,
                       Collector<PipelineEvent> out) {
        String region = key.substring(0, key.indexOf('|'));
        String txId = key.substring(key.indexOf('|') + 1);
        long sourceTs = trigger.sourceTsMs;
        List<PipelineEvent> toMerge = new ArrayList<>();
        for (PipelineEvent row : transaction) {
            if (mergedTables.contains(row.table)) {
                toMerge.add(row);
            } else {
                writer.add(new VersionedRow(row.table, row.rowJson, row.valueSchemaId, row.keySchemaId, position, row.deleted,
                        row.region, row.txId, row.lsn, row.sourceTsMs, row.rowKey));
            }
            sourceTs = row.sourceTsMs;
        }
        // Rows of merged tables wait, in their region's visibility operator, until the transaction
        // is visible there; then the merge takes them (ahead of WRITTEN on the same channel).
        for (PipelineEvent row : toMerge) {
            row.kind = PipelineEvent.Kind.MERGE;
            row.commitPosition = position;
            row.parts = toMerge.size();
            out.collect(row);
        }
        PipelineEvent written = PipelineEvent.of(PipelineEvent.Kind.WRITTEN, region, txId);
        written.commitPosition = position;
        written.sourceTsMs = sourceTs;
        reports.add(written, ctx.timerService());
    }

    @Override
    protected void writeBatch() {
        writer.flush();
    }

    /** Before a checkpoint: write what is buffered, and keep what is not yet reported in the checkpoint. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<PipelineEvent> held = new ArrayList<>();
        open.values().forEach(t -> held.addAll(t.events()));
        openAtCheckpoint.update(held);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        super.initializeState(context);
        open = new HashMap<>();
        heldRows = 0;
        openAtCheckpoint = context.getOperatorStateStore().getUnionListState(
                new org.apache.flink.api.common.state.ListStateDescriptor<>("open-transactions", TypeInformation.of(PipelineEvent.class)));
        var task = getRuntimeContext().getTaskInfo();
        for (PipelineEvent event : openAtCheckpoint.get()) {
            // Union state: every subtask reads every open transaction and keeps those of its keys.
            String key = event.transactionKey();
            if (org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(key, task.getMaxNumberOfParallelSubtasks(),
                    task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                OpenTransaction held = open.computeIfAbsent(key, k -> new OpenTransaction());
                int before = held.size();
                held.restore(event);
                heldRows += held.size() - before;
            }
        }
    }
}
