package io.driftwatch.engine.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LagSnapshot.PartitionLag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadClustersTest {
    private static final io.driftwatch.engine.api.LagSources SOURCES = io.driftwatch.engine.api.LagSources.forPipeline("globalmart");

    private static PartitionLag partition(String region, long committed, long end) {
        return partition(region, "globalmart.public.orders", committed, end);
    }

    private static PartitionLag partition(String region, String topic, long committed, long end) {
        return new PartitionLag(region, topic, 0, end, committed, committed < 0 ? end : end - committed);
    }

    @Test
    void aStandbyClusterTheGroupNeverCommittedInIsNotTheJobsLag() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", 90, 100)));
        byRegion.put("eu-west-1", List.of(partition("eu-west-1", -1, 20_000)));
        assertThat(ReadClusters.of(SOURCES, byRegion)).extracting(PartitionLag::region).containsExactly("us-east-1");
    }

    @Test
    void beforeTheFirstCommitEveryClusterCounts() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", -1, 100)));
        byRegion.put("eu-west-1", List.of(partition("eu-west-1", -1, 50)));
        assertThat(ReadClusters.of(SOURCES, byRegion)).extracting(PartitionLag::region).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void aClusterWithSomeCommittedPartitionsCountsWhole() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", 90, 100), partition("us-east-1", -1, 7)));
        assertThat(ReadClusters.of(SOURCES, byRegion)).hasSize(2);
    }

    @Test
    void theActiveClustersCopiesOfAnotherRegionAreReadAndTheirCopiesElsewhereAreNot() {
        Map<String, List<PartitionLag>> byRegion = new LinkedHashMap<>();
        byRegion.put("us-east-1", List.of(partition("us-east-1", 90, 100),
                partition("us-east-1", "eu-west-1.globalmart.public.orders", 40, 45)));
        byRegion.put("eu-west-1", List.of(partition("eu-west-1", -1, 50),
                partition("eu-west-1", "us-east-1.globalmart.public.orders", -1, 100)));
        assertThat(ReadClusters.of(SOURCES, byRegion)).extracting(PartitionLag::topic)
                .containsExactly("globalmart.public.orders", "eu-west-1.globalmart.public.orders");
    }

    @Test
    void theJobReadsThePipelinesTopicsAndTheirCopiesButNotItsOwnServiceTopicsOrTheOutbox() {
        assertThat(SOURCES.processes("globalmart.public.orders")).isTrue();
        assertThat(SOURCES.processes("eu-west-1.globalmart.public.orders")).isTrue();
        assertThat(SOURCES.processes("globalmart.outbox.order")).isFalse();
        assertThat(SOURCES.processes("eu-west-1.globalmart.outbox.order")).isFalse();
        assertThat(SOURCES.processes("driftwatch.globalmart.status")).isFalse();
        assertThat(SOURCES.processes("mm2-offset-syncs.eu-west-1.internal")).isFalse();
        assertThat(SOURCES.copiedFrom("eu-west-1.globalmart.public.orders")).isEqualTo("eu-west-1.");
        assertThat(SOURCES.copiedFrom("globalmart.public.orders")).isEmpty();
    }
}
