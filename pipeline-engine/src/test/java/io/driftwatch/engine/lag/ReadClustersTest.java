package io.driftwatch.engine.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LagSnapshot.PartitionLag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadClustersTest {
    private static PartitionLag partition(String region, long committed, long end) {
        return new PartitionLag(region, "globalmart.public.orders", 0, end, committed, committed < 0 ? end : end - committed);
    }

    @Test
    void aStandbyClusterTheGroupNeverCommittedInIsNotTheJobsLag() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", 90, 100)));
        byRegion.put("eu-west-1", List.of(partition("eu-west-1", -1, 20_000)));
        assertThat(ReadClusters.of(byRegion)).extracting(PartitionLag::region).containsExactly("us-east-1");
    }

    @Test
    void beforeTheFirstCommitEveryClusterCounts() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", -1, 100)));
        byRegion.put("eu-west-1", List.of(partition("eu-west-1", -1, 50)));
        assertThat(ReadClusters.of(byRegion)).extracting(PartitionLag::region).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void aClusterWithSomeCommittedPartitionsCountsWhole() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", 90, 100), partition("us-east-1", -1, 7)));
        assertThat(ReadClusters.of(byRegion)).hasSize(2);
    }
}
