package io.driftwatch.engine.lag;

import io.driftwatch.engine.api.LagSnapshot.PartitionLag;
import io.driftwatch.engine.api.LagSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which of the topics in the regions' Kafka clusters the processing job reads, judged from its
 * consumer group's commits. Pure.
 *
 * <p>Why: the job reads a set of topics per source: a region's own topics in its own cluster, or,
 * with a failover controller, every region's topics in the active region's cluster (the others'
 * as MirrorMaker 2's copies, {@code <region>.<topic>}). The same topics sit unread in the other
 * clusters; counting all their records as the job's lag would report (and alert on) a backlog
 * nobody is meant to read. A source (cluster, and the region its copies came from) where the
 * group committed nothing while it did commit elsewhere is not read. Before the job's first
 * commit anywhere, every topic counts.
 */
final class ReadClusters {
    private ReadClusters() {}

    /** The partitions the job reads, from every partition of its topics in each region's cluster. */
    static List<PartitionLag> of(LagSources sources, Map<String, List<PartitionLag>> byRegion) {
        Map<String, List<PartitionLag>> bySource = byRegion.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(p -> p.region() + "|" + sources.copiedFrom(p.topic()), LinkedHashMap::new, Collectors.toList()));
        boolean committedSomewhere = bySource.values().stream().anyMatch(ReadClusters::committed);
        return bySource.values().stream().filter(partitions -> !committedSomewhere || committed(partitions))
                .flatMap(List::stream).toList();
    }

    private static boolean committed(List<PartitionLag> partitions) {
        return partitions.stream().anyMatch(p -> p.committedOffset() >= 0);
    }
}
