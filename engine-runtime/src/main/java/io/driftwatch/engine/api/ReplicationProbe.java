package io.driftwatch.engine.api;

import java.util.List;

/** Measures MirrorMaker 2's replication lag per topic partition between every pair of regions. */
public interface ReplicationProbe extends AutoCloseable {

    /**
     * Measures now: blocking, never on a UI thread. A cluster that does not answer leaves its
     * pairs out and is named in {@link Result#problems()}.
     */
    Result probe();

    /**
     * @param partitions each copied partition's lag
     * @param problems clusters that did not answer
     * @param flows each flow's condition (copying, caught up, stalled since …), judged over this probe's readings so far
     */
    record Result(List<ReplicationLag> partitions, List<String> problems, List<MirrorFlow> flows) {
        public Result {
            partitions = List.copyOf(partitions);
            problems = List.copyOf(problems);
            flows = List.copyOf(flows);
        }

        public Result(List<ReplicationLag> partitions, List<String> problems) {
            this(partitions, problems, List.of());
        }

        /** Every cluster answered and every copy has its original's newest record (and there is at least one). */
        public boolean caughtUp() {
            return problems.isEmpty() && !partitions.isEmpty()
                    && partitions.stream().allMatch(p -> p.lagRecords() == 0 && p.lagMillis() == 0);
        }

        /** The flows that stalled: a failure, not a lag. */
        public List<MirrorFlow> stalled() {
            return flows.stream().filter(MirrorFlow::stalled).toList();
        }
    }

    @Override
    void close();
}
