package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The visibility operator in Flink's operator harness: real keyed state, a real snapshot and
 * restore. The decision itself is {@code VisibilityTracker}'s (its own tests); this shows the
 * operator keeps it, per region, across a checkpoint.
 */
class VisibilityFunctionHarnessTest {
    private static final String REGION = "us-east-1";

    private static KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, PipelineEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new VisibilityFunction()),
                e -> e.region, Types.STRING);
    }

    private static PipelineEvent end(long position, String txId, long committedAtMs) {
        PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.END, REGION, txId);
        e.commitPosition = position;
        e.sourceTsMs = committedAtMs;
        return e;
    }

    private static PipelineEvent written(long position, String txId) {
        PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.WRITTEN, REGION, txId);
        e.commitPosition = position;
        return e;
    }

    private static PipelineEvent mergedRow(long position, String txId, String key) {
        PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.MERGE, REGION, txId);
        e.commitPosition = position;
        e.table = "public.products";
        e.rowKey = key;
        return e;
    }

    private static List<Long> visiblePositions(KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, PipelineEvent> h) {
        return h.extractOutputValues().stream().filter(e -> e.kind == PipelineEvent.Kind.VISIBLE).map(e -> e.commitPosition).toList();
    }

    @Test
    void aTransactionWrittenEarlyWaitsForTheOnesCommittedBeforeIt() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(end(10, "t1", 1_000)));
            h.processElement(new StreamRecord<>(end(20, "t2", 1_001)));
            h.processElement(new StreamRecord<>(written(20, "t2")));
            assertThat(visiblePositions(h)).isEmpty();

            h.processElement(new StreamRecord<>(written(10, "t1")));

            assertThat(visiblePositions(h)).containsExactly(20L);
            PipelineEvent advance = h.extractOutputValues().get(0);
            assertThat(advance.commitTimes).containsExactly(1_000L, 1_001L);
        }
    }

    @Test
    void rowsOfMergedTablesGoToTheMergeOnlyOnceTheirTransactionIsVisible() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(mergedRow(10, "t1", "{\"id\":1}")));
            h.processElement(new StreamRecord<>(end(10, "t1", 1_000)));
            assertThat(h.getSideOutput(VisibilityFunction.MERGE)).isNullOrEmpty();

            h.processElement(new StreamRecord<>(written(10, "t1")));

            assertThat(h.getSideOutput(VisibilityFunction.MERGE)).extracting(r -> r.getValue().rowKey).containsExactly("{\"id\":1}");
        }
    }

    @Test
    void aCheckpointKeepsWhatIsPendingAndAReplayedEndIsNotMadeVisibleAgain() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(end(10, "t1", 1_000)));
            h.processElement(new StreamRecord<>(written(10, "t1")));
            h.processElement(new StreamRecord<>(end(20, "t2", 1_001)));
            assertThat(visiblePositions(h)).containsExactly(10L);
            checkpoint = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(checkpoint);
            restored.open();
            // After a restore the source reads t1 again: it is already visible and passes silently.
            restored.processElement(new StreamRecord<>(end(10, "t1", 1_000)));
            restored.processElement(new StreamRecord<>(written(10, "t1")));
            assertThat(visiblePositions(restored)).isEmpty();

            // t2's END was kept in the checkpoint: its WRITTEN alone makes it visible.
            restored.processElement(new StreamRecord<>(written(20, "t2")));

            assertThat(visiblePositions(restored)).containsExactly(20L);
            assertThat(restored.extractOutputValues().stream().filter(e -> e.kind == PipelineEvent.Kind.VISIBLE)
                    .map(e -> e.commitTimes).filter(Objects::nonNull).findFirst().orElseThrow()).containsExactly(1_001L);
        }
    }
}
