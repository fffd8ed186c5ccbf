package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.process.JobSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MovePlanTest {
    private static final Set<String> REGIONS = Set.of("us-east-1", "eu-west-1");

    @Test
    void aMoveAwayFromThePrimaryIsAFailoverAndBackToItAFailback() {
        assertThat(MovePlan.kind("us-east-1", "eu-west-1", "us-east-1", REGIONS)).isEqualTo("failover");
        assertThat(MovePlan.kind("eu-west-1", "us-east-1", "us-east-1", REGIONS)).isEqualTo("failback");
    }

    @Test
    void aMoveToTheActiveRegionOrAnUnknownOneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> MovePlan.kind("us-east-1", "us-east-1", "us-east-1", REGIONS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already runs in us-east-1");
        assertThatThrownBy(() -> MovePlan.kind("us-east-1", "ap-south-1", "us-east-1", REGIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown region 'ap-south-1'")
                .hasMessageContaining("eu-west-1");
    }

    @Test
    void eachPlacementResumesItsPartitionInItsDataRegionAndIsCountedByMethod() {
        List<Placement> placements = List.of(
                new Placement("us-east-1", "us-east-1.shop.public.orders", 0, 120, Placement.Method.MIRROR_CHECKPOINT),
                new Placement("us-east-1", "us-east-1.shop.transaction", 0, 40, Placement.Method.OFFSET_SYNC),
                new Placement("eu-west-1", "shop.public.orders", 0, 7, Placement.Method.MIRROR_CHECKPOINT));

        MovePlan plan = MovePlan.of("us-east-1", "eu-west-1", "us-east-1", REGIONS, "health", placements);

        assertThat(plan.kind()).isEqualTo("failover");
        assertThat(plan.offsets()).isEqualTo(Map.of(
                "us-east-1", Map.of(JobSettings.Sourcing.key("us-east-1.shop.public.orders", 0), 120L,
                        JobSettings.Sourcing.key("us-east-1.shop.transaction", 0), 40L),
                "eu-west-1", Map.of(JobSettings.Sourcing.key("shop.public.orders", 0), 7L)));
        assertThat(plan.methods()).isEqualTo(Map.of("MIRROR_CHECKPOINT", 2, "OFFSET_SYNC", 1));
        assertThat(plan.partitions()).isEqualTo(3);
    }

    @Test
    void withoutACheckpointNothingIsPlacedAndTheJobStartsAfresh() {
        MovePlan plan = MovePlan.of("eu-west-1", "us-east-1", "us-east-1", REGIONS, "command", List.of());

        assertThat(plan.offsets()).isEmpty();
        assertThat(plan.partitions()).isZero();
        assertThat(plan.kind()).isEqualTo("failback");
    }
}
