package io.driftwatch.engine.process;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The batching cycle of an operator that writes rows to ClickHouse and reports them (WRITTEN,
 * MERGED): a report may only leave once the batch holding its rows is written. Reports are held
 * while the batch fills; the batch is written when the operator says (a row bound), when the
 * flush timer fires ({@code flushMillis} after the first report of a batch) and before every
 * checkpoint; then its reports are released. What is not yet sent is kept in operator state
 * across a checkpoint, so no report is lost or sent before its rows exist.
 */
final class WrittenReports {
    private final ListState<PipelineEvent> state;
    private final Runnable writeBatch;
    private final long flushMillis;
    private final List<PipelineEvent> inBatch = new ArrayList<>();
    private final List<PipelineEvent> unreported = new ArrayList<>();
    private boolean flushScheduled;

    /** @param writeBatch writes the operator's buffered rows (called from the operator's thread only) */
    WrittenReports(FunctionInitializationContext context, String name, Runnable writeBatch, long flushMillis) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(name, TypeInformation.of(PipelineEvent.class)));
        for (PipelineEvent e : state.get()) {
            unreported.add(e);
        }
        this.writeBatch = writeBatch;
        this.flushMillis = flushMillis;
    }

    /** A report whose rows are in the batch being filled; the batch is written at the latest {@code flushMillis} from the first. */
    void add(PipelineEvent report, TimerService timers) {
        inBatch.add(report);
        if (!flushScheduled) {
            timers.registerProcessingTimeTimer(timers.currentProcessingTime() + flushMillis);
            flushScheduled = true;
        }
    }

    /** The flush timer fired. */
    void timerFired(Collector<PipelineEvent> out) {
        flushScheduled = false;
        flush(out);
    }

    /** Writes the batch and sends its reports. */
    void flush(Collector<PipelineEvent> out) {
        writeBatch.run();
        batchWritten();
        release(out);
    }

    /** The batch was written: its reports may go. */
    private void batchWritten() {
        unreported.addAll(inBatch);
        inBatch.clear();
    }

    /** Sends every report whose batch was written. */
    void release(Collector<PipelineEvent> out) {
        for (PipelineEvent report : unreported) {
            out.collect(report);
        }
        unreported.clear();
    }

    /** Before a checkpoint: writes the batch and keeps what is not yet sent in the checkpoint. */
    void snapshot() throws Exception {
        writeBatch.run();
        batchWritten();
        state.update(new ArrayList<>(unreported));
    }
}
