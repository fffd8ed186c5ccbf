package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;

class UnclaimedStateTest {
    private final OperatorID merge = new OperatorID();
    private final OperatorID assemble = new OperatorID();
    private final OperatorID filter = new OperatorID();

    @Test
    void stateWhoseOperatorTheNewJobLacksIsDroppedAndNamed() {
        OperatorState mergeState = state("merge rows", "merge", merge, 120);
        OperatorState assembleState = state("assemble and write", "assemble", assemble, 800);

        List<UnclaimedState.Dropped> dropped = UnclaimedState.unclaimed(List.of(mergeState, assembleState), Set.of(assemble));

        assertThat(dropped).containsExactly(new UnclaimedState.Dropped("merge", "merge rows", 120));
        assertThat(dropped.get(0).describe()).isEqualTo("'merge' (merge rows), 120 bytes");
    }

    @Test
    void anOperatorThatHeldNothingIsNotReportedAsDropped() {
        OperatorState stateless = new OperatorState("END markers", "end-markers", filter, 1, 128);

        assertThat(UnclaimedState.unclaimed(List.of(stateless), Set.of())).isEmpty();
    }

    @Test
    void everyOperatorStillInTheJobKeepsItsState() {
        assertThat(UnclaimedState.unclaimed(List.of(state("merge rows", "merge", merge, 5), state("assemble", "assemble", assemble, 7)),
                Set.of(merge, assemble))).isEmpty();
    }

    /** An operator's state as a checkpoint records it: here a coordinator's state of {@code bytes}. */
    private static OperatorState state(String name, String uid, OperatorID id, int bytes) {
        OperatorState s = new OperatorState(name, uid, id, 1, 128);
        s.setCoordinatorState(new ByteStreamStateHandle("coordinator-" + uid, new byte[bytes]));
        return s;
    }
}
