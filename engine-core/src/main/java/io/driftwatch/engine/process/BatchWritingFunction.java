package io.driftwatch.engine.process;

import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * An operator that writes rows to ClickHouse in batches and reports each transaction only once
 * its rows are written (assembly's WRITTEN, the merge's MERGED). The cycle — the flush timer, the
 * write before each checkpoint, the reports kept across one — is {@link WrittenReports}'s; this
 * class wires it into Flink once for both.
 */
abstract class BatchWritingFunction extends KeyedProcessFunction<String, PipelineEvent, PipelineEvent> implements CheckpointedFunction {
    private final String reportsState;
    private final long flushMillis;
    /** Reports waiting for their batch; created in {@link #initializeState}, before {@code open}. */
    protected transient WrittenReports reports;

    /** @param reportsState the operator state's name for reports not yet sent (kept as it was: checkpoints name it) */
    BatchWritingFunction(String reportsState, long flushMillis) {
        this.reportsState = reportsState;
        this.flushMillis = flushMillis;
    }

    /** Writes the buffered rows to ClickHouse. */
    protected abstract void writeBatch();

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<PipelineEvent> out) {
        reports.timerFired(out);
    }

    /** Before a checkpoint: writes what is buffered, and keeps what is not yet reported in the checkpoint. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        reports.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        reports = new WrittenReports(context, reportsState, this::writeBatch, flushMillis);
    }
}
