package io.driftwatch.engine.process;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.util.Collector;

/**
 * Reports (WRITTEN, MERGED) that may only leave an operator once the batch holding their rows is
 * in ClickHouse: held while the batch fills, released after it is flushed, and kept in operator
 * state across a checkpoint so none is lost or sent before its rows exist.
 */
final class WrittenReports {
    private final ListState<PipelineEvent> state;
    private final List<PipelineEvent> inBatch = new ArrayList<>();
    private final List<PipelineEvent> unreported = new ArrayList<>();

    WrittenReports(FunctionInitializationContext context, String name) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(name, TypeInformation.of(PipelineEvent.class)));
        for (PipelineEvent e : state.get()) {
            unreported.add(e);
        }
    }

    /** A report whose rows are in the batch being filled. */
    void add(PipelineEvent report) {
        inBatch.add(report);
    }

    /** The batch was written: its reports may go. */
    void batchWritten() {
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

    /** Before a checkpoint, after the batch was written: keeps what is not yet sent in the checkpoint. */
    void snapshot() throws Exception {
        batchWritten();
        state.update(new ArrayList<>(unreported));
    }
}
