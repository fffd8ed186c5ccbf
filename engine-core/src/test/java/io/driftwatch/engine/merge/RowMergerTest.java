package io.driftwatch.engine.merge;

import static io.driftwatch.engine.merge.Inventory.APPROVED;
import static io.driftwatch.engine.merge.Inventory.FIRST_SEEN;
import static io.driftwatch.engine.merge.Inventory.KEY;
import static io.driftwatch.engine.merge.Inventory.NAME;
import static io.driftwatch.engine.merge.Inventory.NOTE;
import static io.driftwatch.engine.merge.Inventory.PRICE;
import static io.driftwatch.engine.merge.Inventory.STOCK;
import static io.driftwatch.engine.merge.Inventory.TABLE;
import static io.driftwatch.engine.merge.Inventory.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GlobalMart scenarios of invariant 3, one per policy. */
class RowMergerTest {
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    private final RowMerger merger = Inventory.merger();

    private static Change change(String region, VersionVector vector, long millis, Map<String, ColumnEdit> edits) {
        return new Change(TABLE, KEY, region, vector, new HybridTimestamp(millis, 0, region), edits);
    }

    private static ColumnEdit assign(Object value) {
        return new ColumnEdit.Assign(value);
    }

    private static ColumnEdit delta(long delta) {
        return new ColumnEdit.CounterDelta(delta);
    }

    private RowState apply(RowState state, Change... changes) {
        for (Change change : changes) {
            state = merger.apply(state, change).state();
        }
        return state;
    }

    /** Stock 10 created in us-east-1 and mirrored to eu-west-1; then both sell concurrently. */
    private final Change restock = change(US, VersionVector.of(US, 1), 1_000, Map.of(STOCK, delta(10), NAME, assign("Kettle")));
    private final Change usSells6 = change(US, VersionVector.of(US, 2), 2_000, Map.of(STOCK, delta(-6)));
    private final Change euSells7 = change(EU, VersionVector.of(US, 1, EU, 1), 2_001, Map.of(STOCK, delta(-7)));

    @Test
    void concurrentSalesThatOversellRaiseOneInvariantViolation() {
        MergeOutcome outcome = merger.apply(apply(Inventory.empty(), restock, usSells6), euSells7);

        assertThat(outcome.causality()).isEqualTo(Causality.CONCURRENT);
        assertThat(outcome.state().value(STOCK)).isEqualTo(-3L);
        assertThat(outcome.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.INVARIANT_VIOLATION);
            assertThat(conflict.column()).isEqualTo(STOCK);
            assertThat(conflict.mergedValue()).isEqualTo(-3L);
            assertThat(conflict.sides()).extracting(Versioned::value).containsExactly(4L, -7L);
            assertThat(conflict.sides()).extracting(Versioned::vector)
                    .containsExactly(VersionVector.of(US, 2), VersionVector.of(US, 1, EU, 1));
            assertThat(conflict.reason()).isEqualTo("inventory.stock = -3 breaks non_negative after merging the contributions of eu-west-1, us-east-1");
        });
    }

    @Test
    void salesThatDoNotOversellMergeQuietly() {
        Change euSells3 = change(EU, VersionVector.of(US, 1, EU, 1), 2_001, Map.of(STOCK, delta(-3)));
        MergeOutcome outcome = merger.apply(apply(Inventory.empty(), restock, usSells6), euSells3);
        assertThat(outcome.state().value(STOCK)).isEqualTo(1L);
        assertThat(outcome.conflicts()).isEmpty();
    }

    @Test
    void aSaleDeliveredAfterAChangeThatHadSeenItStillCounts() {
        // eu's sale had seen us's restock, and arrives first; the restock is stale by vector,
        // but its delta was never merged, so it must count.
        MergeOutcome late = merger.apply(apply(Inventory.empty(), euSells7), restock);
        assertThat(late.causality()).isEqualTo(Causality.BEFORE);
        assertThat(late.changed()).isTrue();
        assertThat(late.state().value(STOCK)).isEqualTo(3L);
        assertThat(late.state().value(NAME)).isEqualTo("Kettle");
    }

    @Test
    void aReplayedChangeHasNoEffect() {
        RowState state = apply(Inventory.empty(), restock, usSells6, euSells7);
        for (Change change : List.of(restock, usSells6, euSells7)) {
            MergeOutcome replay = merger.apply(state, change);
            assertThat(replay.changed()).isFalse();
            assertThat(replay.state()).isEqualTo(state);
            assertThat(replay.causality()).isIn(Causality.BEFORE, Causality.EQUAL);
        }
    }

    @Test
    void lwwPicksTheLaterHybridTimestamp() {
        Change us = change(US, VersionVector.of(US, 1), 5_000, Map.of(NAME, assign("Kettle 1.7l")));
        Change eu = change(EU, VersionVector.of(EU, 1), 5_003, Map.of(NAME, assign("Wasserkocher")));
        assertThat(apply(Inventory.empty(), us, eu).value(NAME)).isEqualTo("Wasserkocher");
        assertThat(apply(Inventory.empty(), eu, us).value(NAME)).isEqualTo("Wasserkocher");
    }

    @Test
    void lwwBreaksATieOfClocksByRegionId() {
        Change us = change(US, VersionVector.of(US, 1), 5_000, Map.of(NAME, assign("Kettle")));
        Change eu = change(EU, VersionVector.of(EU, 1), 5_000, Map.of(NAME, assign("Wasserkocher")));
        assertThat(apply(Inventory.empty(), us, eu).value(NAME)).isEqualTo("Kettle"); // "us-east-1" > "eu-west-1"
        assertThat(apply(Inventory.empty(), eu, us).value(NAME)).isEqualTo("Kettle");
    }

    @Test
    void aChangeThatHasSeenTheOtherReplacesItEvenWithAnEarlierClock() {
        Change us = change(US, VersionVector.of(US, 1), 9_000, Map.of(NAME, assign("old")));
        Change euAfter = change(EU, VersionVector.of(US, 1, EU, 1), 4_000, Map.of(NAME, assign("new"), PRICE, assign(1L)));
        MergeOutcome outcome = merger.apply(apply(Inventory.empty(), us), euAfter);
        assertThat(outcome.causality()).isEqualTo(Causality.AFTER);
        assertThat(outcome.state().value(NAME)).isEqualTo("new");
    }

    @Test
    void maxAndMinPickAmongConcurrentWritesOnly() {
        Change us = change(US, VersionVector.of(US, 1), 1_000, Map.of(PRICE, assign(120L), FIRST_SEEN, assign(20L)));
        Change eu = change(EU, VersionVector.of(EU, 1), 1_001, Map.of(PRICE, assign(100L), FIRST_SEEN, assign(10L)));
        RowState merged = apply(Inventory.empty(), us, eu);
        assertThat(merged.value(PRICE)).isEqualTo(120L);
        assertThat(merged.value(FIRST_SEEN)).isEqualTo(10L);

        Change markdown = change(US, VersionVector.of(US, 2, EU, 1), 1_002, Map.of(PRICE, assign(90L)));
        assertThat(apply(merged, markdown).value(PRICE)).isEqualTo(90L); // causally later: replaces
    }

    @Test
    void setsKeepAConcurrentAddOverARemove() {
        Change add = change(US, VersionVector.of(US, 1), 1_000, Map.of(TAGS, ColumnEdit.SetEdit.adding("sale", "new")));
        Change euRemovesSale = change(EU, VersionVector.of(US, 1, EU, 1), 1_001, Map.of(TAGS, ColumnEdit.SetEdit.removing("sale")));
        Change usAddsSaleAgain = change(US, VersionVector.of(US, 2), 1_002, Map.of(TAGS, ColumnEdit.SetEdit.adding("sale")));

        assertThat(apply(Inventory.empty(), add, euRemovesSale).value(TAGS)).isEqualTo(List.of("new"));
        assertThat(apply(Inventory.empty(), add, euRemovesSale, usAddsSaleAgain).value(TAGS)).isEqualTo(List.of("new", "sale"));
        assertThat(apply(Inventory.empty(), usAddsSaleAgain, euRemovesSale, add).value(TAGS)).isEqualTo(List.of("new", "sale"));
    }

    @Test
    void concurrentDifferentValuesOfAManualColumnAreAConflict() {
        Change us = change(US, VersionVector.of(US, 1), 1_000, Map.of(APPROVED, assign(100L)));
        Change eu = change(EU, VersionVector.of(EU, 1), 1_001, Map.of(APPROVED, assign(120L)));
        MergeOutcome outcome = merger.apply(apply(Inventory.empty(), us), eu);

        assertThat(outcome.state().value(APPROVED)).isEqualTo(120L); // provisional: the later write
        assertThat(outcome.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.CONCURRENT_MANUAL);
            assertThat(conflict.sides()).extracting(Versioned::value).containsExactly(100L, 120L);
            assertThat(conflict.sides()).extracting(Versioned::region).containsExactly(US, EU);
            assertThat(conflict.mergedValue()).isEqualTo(120L);
        });
    }

    @Test
    void concurrentEqualValuesOfAManualColumnAreNotAConflict() {
        Change us = change(US, VersionVector.of(US, 1), 1_000, Map.of(APPROVED, assign(100L)));
        Change eu = change(EU, VersionVector.of(EU, 1), 1_001, Map.of(APPROVED, assign(100L)));
        assertThat(merger.apply(apply(Inventory.empty(), us), eu).conflicts()).isEmpty();
    }

    @Test
    void concurrentChangesToDifferentColumnsBothSurvive() {
        Change us = change(US, VersionVector.of(US, 1), 1_000, Map.of(APPROVED, assign(100L)));
        Change eu = change(EU, VersionVector.of(EU, 1), 1_001, Map.of(NOTE, assign("fragile")));
        RowState merged = apply(Inventory.empty(), us, eu);
        assertThat(merged.view()).containsEntry(APPROVED, 100L).containsEntry(NOTE, "fragile");
        assertThat(merger.conflicts(merged)).isEmpty();
    }

    @Test
    void theRowVersionIsTheLatestTimestampAndTheVectorEverythingSeen() {
        RowState state = apply(Inventory.empty(), restock, usSells6, euSells7);
        assertThat(state.vector()).isEqualTo(VersionVector.of(US, 2, EU, 1));
        assertThat(state.timestamp()).isEqualTo(new HybridTimestamp(2_001, 0, EU));
        assertThat(state.latest()).containsOnlyKeys(US, EU);
    }

    @Test
    void anEditThatDoesNotFitTheColumnPolicyIsRefused() {
        Change wrong = change(US, VersionVector.of(US, 1), 1_000, Map.of(STOCK, assign(5L)));
        assertThatThrownBy(() -> merger.apply(Inventory.empty(), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("change us-east-1:1 to inventory.stock: a counter column takes CounterDelta, got Assign");
    }

    @Test
    void aChangeMustCountItselfInItsVector() {
        assertThatThrownBy(() -> change(US, VersionVector.of(EU, 1), 1_000, Map.of()))
                .hasMessageContaining("must count the change itself");
    }

    @Test
    void statesOfDifferentRowsDoNotMerge() {
        assertThatThrownBy(() -> Inventory.empty().merge(RowState.empty(TABLE, "other")))
                .hasMessageContaining("cannot merge row inventory/sku-42 with row inventory/other");
    }
}
