package io.driftwatch.engine.merging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.merge.Change;
import io.driftwatch.engine.merge.ColumnEdit;
import io.driftwatch.engine.merge.ColumnPolicy;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.Invariant;
import io.driftwatch.engine.merge.MergePolicies;
import io.driftwatch.engine.merge.SourceSchema;
import io.driftwatch.engine.merge.VersionVector;
import io.driftwatch.engine.merge.VersionVectorCodec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeBuilderTest {
    private static final String TABLE = "public.stock";
    private static final byte[] VECTOR = VersionVectorCodec.encode(VersionVector.of("us-east-1", 2L));
    private static final byte[] CLOCK = HybridTimestampCodec.encode(new HybridTimestamp(1_000, 0, "us-east-1"));

    private final ChangeBuilder builder = new ChangeBuilder(MergePolicies.builder()
            .column(TABLE, "stock", ColumnPolicy.COUNTER, Invariant.NON_NEGATIVE)
            .column(TABLE, "tags", ColumnPolicy.SET)
            .column(TABLE, "price", ColumnPolicy.MANUAL)
            .build(SourceSchema.of(Map.of(TABLE, List.of("sku", "name", "price", "stock", "tags")))));

    @Test
    void anInsertWritesEveryColumnCountsTheStockAndAddsTheTags() {
        Change c = builder.build(TABLE, "k", "us-east-1", "c", VECTOR, CLOCK,
                "{\"sku\":\"k\",\"name\":\"Widget\",\"price\":5.00,\"stock\":10,\"tags\":[\"red\"]}", null);
        assertThat(c.edits()).containsEntry("name", new ColumnEdit.Assign("Widget"))
                .containsEntry("price", new ColumnEdit.Assign(new BigDecimal("5.00")))
                .containsEntry("stock", new ColumnEdit.CounterDelta(10))
                .containsEntry("tags", new ColumnEdit.SetEdit(Set.of("red"), Set.of()))
                .containsEntry(ChangeBuilder.DELETED, new ColumnEdit.Assign(false));
        assertThat(c.vector()).isEqualTo(VersionVector.of("us-east-1", 2L));
        assertThat(c.timestamp()).isEqualTo(new HybridTimestamp(1_000, 0, "us-east-1"));
    }

    @Test
    void anUpdateEditsOnlyTheColumnsItChanged() {
        Change c = builder.build(TABLE, "k", "us-east-1", "u", VECTOR, CLOCK,
                "{\"sku\":\"k\",\"name\":\"Widget\",\"price\":5.00,\"stock\":4,\"tags\":[\"blue\",\"green\"]}",
                "{\"sku\":\"k\",\"name\":\"Widget\",\"price\":5.00,\"stock\":10,\"tags\":[\"red\",\"blue\"]}");
        assertThat(c.edits()).containsOnlyKeys("stock", "tags");
        assertThat(c.edits().get("stock")).isEqualTo(new ColumnEdit.CounterDelta(-6));
        assertThat(c.edits().get("tags")).isEqualTo(new ColumnEdit.SetEdit(Set.of("green"), Set.of("red")));
    }

    @Test
    void anUpdateOfARowTheMergeHasNotSeenAssignsEveryColumnButItsCountersAndSetsStillTakeOnlyTheChange() {
        Change c = builder.build(TABLE, "k", "us-east-1", "u", VECTOR, CLOCK,
                "{\"sku\":\"k\",\"name\":\"Widget\",\"price\":5.00,\"stock\":4,\"tags\":[\"blue\",\"green\"]}",
                "{\"sku\":\"k\",\"name\":\"Widget\",\"price\":5.00,\"stock\":10,\"tags\":[\"blue\",\"green\"]}", true);
        assertThat(c.edits()).containsOnlyKeys("sku", "name", "price", "stock");
        assertThat(c.edits().get("name")).isEqualTo(new ColumnEdit.Assign("Widget"));
        assertThat(c.edits().get("stock")).isEqualTo(new ColumnEdit.CounterDelta(-6));
    }

    @Test
    void aDeleteMarksTheRowDeletedAndLeavesTheCountersAlone() {
        Change c = builder.build(TABLE, "k", "us-east-1", "d", VECTOR, CLOCK, null, "{\"sku\":\"k\",\"stock\":4}");
        assertThat(c.edits()).containsOnlyKeys(ChangeBuilder.DELETED);
        assertThat(c.edits().get(ChangeBuilder.DELETED)).isEqualTo(new ColumnEdit.Assign(true));
    }

    @Test
    void anUpdateWithoutItsBeforeImageNamesTheReplicaIdentityFix() {
        assertThatThrownBy(() -> builder.build(TABLE, "k", "us-east-1", "u", VECTOR, CLOCK, "{\"sku\":\"k\",\"stock\":4}", null))
                .hasMessageContaining("REPLICA IDENTITY FULL").hasMessageContaining(TABLE);
    }

    @Test
    void aChangeWithoutCausalHeadersIsRefused() {
        assertThatThrownBy(() -> builder.build(TABLE, "k", "us-east-1", "c", null, CLOCK, "{\"sku\":\"k\"}", null))
                .hasMessageContaining("dw.vv");
    }

    @Test
    void aCounterThatIsNotAWholeNumberIsNamed() {
        assertThatThrownBy(() -> builder.build(TABLE, "k", "us-east-1", "c", VECTOR, CLOCK, "{\"sku\":\"k\",\"stock\":1.5}", null))
                .hasMessageContaining("counter column stock");
    }
}
