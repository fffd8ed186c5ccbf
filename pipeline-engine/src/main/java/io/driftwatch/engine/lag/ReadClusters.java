package io.driftwatch.engine.lag;

import io.driftwatch.engine.api.LagSnapshot.PartitionLag;
import java.util.List;
import java.util.Map;

/**
 * Which regions' Kafka clusters the processing job reads, judged from its consumer group's
 * commits. Pure.
 *
 * <p>Why: a pipeline with a failover controller reads one region's cluster (the other regions'
 * changes arrive there as MirrorMaker 2's copies); the standby clusters hold the same topics, never
 * committed by the group, and counting all their records as the job's lag would report (and alert
 * on) a backlog nobody is meant to read. A cluster where the group committed nothing while it did
 * commit in another is such a standby. When it committed nowhere yet (a job before its first
 * checkpoint), every cluster counts.
 */
final class ReadClusters {
    private ReadClusters() {}

    /** The partitions of the clusters the job reads, from each region's partitions. */
    static List<PartitionLag> of(Map<String, List<PartitionLag>> byRegion) {
        boolean committedSomewhere = byRegion.values().stream().anyMatch(ReadClusters::committed);
        return byRegion.values().stream().filter(partitions -> !committedSomewhere || committed(partitions))
                .flatMap(List::stream).toList();
    }

    private static boolean committed(List<PartitionLag> partitions) {
        return partitions.stream().anyMatch(p -> p.committedOffset() >= 0);
    }
}
