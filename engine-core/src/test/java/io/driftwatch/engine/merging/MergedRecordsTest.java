package io.driftwatch.engine.merging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.merge.ColumnPolicy;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.Invariant;
import io.driftwatch.engine.merge.MergePolicies;
import io.driftwatch.engine.merge.RowMerger;
import io.driftwatch.engine.merge.RowState;
import io.driftwatch.engine.merge.SourceSchema;
import io.driftwatch.engine.merge.VersionVector;
import io.driftwatch.engine.merge.VersionVectorCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergedRecordsTest {
    private static final String TABLE = "public.stock_levels";
    private static final String KEY = "{\"sku\": \"SKU-0042\"}";
    private static final Set<String> COLUMNS = Set.of("sku", "available");

    private final MergePolicies policies = MergePolicies.builder()
            .column(TABLE, "available", ColumnPolicy.COUNTER, Invariant.NON_NEGATIVE)
            .build(SourceSchema.of(Map.of(TABLE, List.of("sku", "available"))));
    private final ChangeBuilder changes = new ChangeBuilder(policies);
    private final RowMerger merger = new RowMerger(policies);

    @Test
    void aRowFirstSeenThroughAnotherRegionsUpdateIsWrittenUnderItsOwnKey() {
        // eu-west-1 sold two before the merge saw any region's insert of the row: the update
        // carries only the counter it changed, yet its merged version must name the SKU.
        RowState state = merger.apply(RowState.empty(TABLE, KEY), changes.build(TABLE, KEY, "eu-west-1", "u",
                VersionVectorCodec.encode(VersionVector.of("eu-west-1", 1L)),
                HybridTimestampCodec.encode(new HybridTimestamp(1_000, 0, "eu-west-1")),
                "{\"sku\":\"SKU-0042\",\"available\":48}", "{\"sku\":\"SKU-0042\",\"available\":50}")).state();

        ObjectNode row = MergedRecords.row(state, 7, COLUMNS);

        assertThat(row.get("sku").asText()).isEqualTo("SKU-0042");
        assertThat(row.get("available").asLong()).isEqualTo(-2);
        assertThat(row.get("_seq").asLong()).isEqualTo(7);
        assertThat(row.get("_deleted").asInt()).isZero();
    }

    @Test
    void keyFieldsOutsideTheWrittenColumnsAreLeftOut() {
        RowState state = RowState.empty(TABLE, "{\"sku\": \"SKU-0042\", \"shard\": 3}");

        assertThat(MergedRecords.row(state, 1, COLUMNS).has("shard")).isFalse();
    }

    @Test
    void aKeyThatIsNotAJsonRecordIsRefusedWithTheRowNamed() {
        assertThatThrownBy(() -> MergedRecords.row(RowState.empty(TABLE, "SKU-0042"), 1, COLUMNS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TABLE).hasMessageContaining("SKU-0042");
    }
}
