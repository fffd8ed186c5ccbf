package io.driftwatch.engine.api;

import io.driftwatch.engine.failover.MirrorLagProbe;
import java.util.List;

/** Measures MirrorMaker 2's replication lag per topic partition between every pair of regions. */
public interface ReplicationProbe extends AutoCloseable {

    /** A probe of the regions' Kafka clusters at {@code endpoints}, for the capture topics of {@code topicPrefix}. */
    static ReplicationProbe connect(StackEndpoints endpoints, String topicPrefix) {
        return new MirrorLagProbe(endpoints, topicPrefix);
    }

    /**
     * Measures now: blocking, never on a UI thread. A cluster that does not answer leaves its
     * pairs out and is named in {@link Result#problems()}.
     */
    Result probe();

    record Result(List<ReplicationLag> partitions, List<String> problems) {
        public Result {
            partitions = List.copyOf(partitions);
            problems = List.copyOf(problems);
        }
    }

    @Override
    void close();
}
