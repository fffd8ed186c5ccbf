package io.driftwatch.engine.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;

/**
 * The state a checkpoint holds for operators a job no longer has: what a restore drops. A job
 * resumes from its newest checkpoint even when its graph changed — a table joined or left the
 * merge section, the active region moved, a new version of Driftwatch builds the job differently —
 * keeping every operator's state that still has its operator (matched by uid), and says plainly
 * which state it leaves behind.
 */
public final class UnclaimedState {

    /** One operator's state that the new job has no operator for. */
    public record Dropped(String uid, String name, long bytes) {
        public String describe() {
            String label = uid != null ? "'" + uid + "'" : name != null ? "'" + name + "'" : "an operator without uid";
            return label + (name != null && uid != null && !name.equals(uid) ? " (" + name + ")" : "") + ", " + bytes + " bytes";
        }
    }

    private UnclaimedState() {}

    /** The state in the checkpoint or savepoint at {@code pointer} that {@code graph} does not claim. */
    public static List<Dropped> of(String pointer, JobGraph graph) throws IOException {
        Path metadata = new Path(pointer, "_metadata");
        try (FSDataInputStream in = metadata.getFileSystem().open(metadata); DataInputStream data = new DataInputStream(in)) {
            return unclaimed(Checkpoints.loadCheckpointMetadata(data, UnclaimedState.class.getClassLoader(), pointer).getOperatorStates(),
                    operators(graph));
        }
    }

    /** The operators of {@code graph}, as a checkpoint names them. */
    static Set<OperatorID> operators(JobGraph graph) {
        Set<OperatorID> ids = new HashSet<>();
        for (JobVertex vertex : graph.getVertices()) {
            for (OperatorIDPair pair : vertex.getOperatorIDs()) {
                ids.add(pair.getGeneratedOperatorID());
                pair.getUserDefinedOperatorID().ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** Of {@code states}, those holding something whose operator is not among {@code operators}. */
    static List<Dropped> unclaimed(Collection<OperatorState> states, Set<OperatorID> operators) {
        return states.stream()
                .filter(s -> !operators.contains(s.getOperatorID()))
                .filter(s -> s.getStateSize() > 0) // a source's coordinator state counts here too
                .map(s -> new Dropped(s.getOperatorUid().orElse(null), s.getOperatorName().orElse(null), s.getStateSize()))
                .toList();
    }
}
