package io.driftwatch.engine.merge;

import static io.driftwatch.engine.merge.Inventory.APPROVED;
import static io.driftwatch.engine.merge.Inventory.KEY;
import static io.driftwatch.engine.merge.Inventory.STOCK;
import static io.driftwatch.engine.merge.Inventory.TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictResolutionTest {
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    private final RowMerger merger = Inventory.merger();
    private final ManualWallClock wall = new ManualWallClock(50_000);
    private final ConflictResolution resolution = new ConflictResolution(new HybridClock("console@eu-west-1", wall));

    private static Change change(String region, VersionVector vector, long millis, Map<String, ColumnEdit> edits) {
        return new Change(TABLE, KEY, region, vector, new HybridTimestamp(millis, 0, region), edits);
    }

    private RowState apply(RowState state, Change... changes) {
        for (Change change : changes) {
            state = merger.apply(state, change).state();
        }
        return state;
    }

    private RowState priceDispute() {
        return apply(Inventory.empty(),
                change(US, VersionVector.of(US, 1), 1_000, Map.of(APPROVED, new ColumnEdit.Assign(100L))),
                change(EU, VersionVector.of(EU, 1), 1_001, Map.of(APPROVED, new ColumnEdit.Assign(120L))));
    }

    private RowState oversell() {
        return apply(Inventory.empty(),
                change(US, VersionVector.of(US, 1), 1_000, Map.of(STOCK, new ColumnEdit.CounterDelta(10))),
                change(US, VersionVector.of(US, 2), 2_000, Map.of(STOCK, new ColumnEdit.CounterDelta(-6))),
                change(EU, VersionVector.of(US, 1, EU, 1), 2_001, Map.of(STOCK, new ColumnEdit.CounterDelta(-7))));
    }

    private Conflict onlyConflict(RowState state) {
        assertThat(merger.conflicts(state)).hasSize(1);
        return merger.conflicts(state).get(0);
    }

    @Test
    void keepingASideAppliesAChangeThatDominatesBothSidesAndClearsTheConflict() {
        RowState state = priceDispute();
        Conflict conflict = onlyConflict(state);

        Resolution decided = resolution.resolve(conflict, new Decision.KeepSide(0), "ops@globalmart", "US list price is authoritative");

        for (Versioned<Object> side : conflict.sides()) {
            assertThat(decided.change().vector().compare(side.vector())).isEqualTo(Causality.AFTER);
            assertThat(decided.change().timestamp()).isGreaterThan(side.timestamp());
        }
        RowState resolved = merger.apply(state, decided.change()).state();
        assertThat(resolved.value(APPROVED)).isEqualTo(100L);
        assertThat(merger.conflicts(resolved)).isEmpty();
    }

    @Test
    void enteringAValueSetsTheManualColumn() {
        RowState state = priceDispute();
        Resolution decided = resolution.resolve(onlyConflict(state), new Decision.EnterValue(110L), "ops@globalmart", "split the difference");
        RowState resolved = merger.apply(state, decided.change()).state();
        assertThat(resolved.value(APPROVED)).isEqualTo(110L);
        assertThat(merger.conflicts(resolved)).isEmpty();
    }

    @Test
    void theAuditEntrySaysWhoDecidedWhatWhenAndWhy() {
        Conflict conflict = onlyConflict(priceDispute());
        AuditEntry audit = resolution.resolve(conflict, new Decision.KeepSide(1), "ana@globalmart", "EU promo approved").audit();

        assertThat(audit.conflictId()).isEqualTo(conflict.id());
        assertThat(audit.operator()).isEqualTo("ana@globalmart");
        assertThat(audit.decision()).isEqualTo(new Decision.KeepSide(1));
        assertThat(audit.value()).isEqualTo(120L);
        assertThat(audit.mergedValue()).isEqualTo(120L);
        assertThat(audit.reason()).isEqualTo("EU promo approved");
        assertThat(audit.when().toEpochMilli()).isEqualTo(50_000);
        assertThat(audit.at().region()).isEqualTo("console@eu-west-1");
    }

    @Test
    void enteringAStockLevelAfterAnOversellSetsTheCounterAndClearsTheViolation() {
        RowState state = oversell();
        Conflict conflict = onlyConflict(state);

        Resolution decided = resolution.resolve(conflict, new Decision.EnterValue(0), "ops@globalmart", "cancelled 3 eu orders");
        assertThat(decided.change().edits()).containsEntry(STOCK, new ColumnEdit.CounterDelta(3));

        RowState resolved = merger.apply(state, decided.change()).state();
        assertThat(resolved.value(STOCK)).isEqualTo(0L);
        assertThat(merger.conflicts(resolved)).isEmpty();
    }

    @Test
    void acceptingAnOversellKeepsTheValueAndSilencesItUntilTheCounterMovesAgain() {
        RowState state = oversell();
        Resolution accepted = resolution.resolve(onlyConflict(state), new Decision.AcceptMerge(), "ops@globalmart", "backorder");
        RowState resolved = merger.apply(state, accepted.change()).state();
        assertThat(resolved.value(STOCK)).isEqualTo(-3L);
        assertThat(merger.conflicts(resolved)).isEmpty();

        Change renamed = change(US, VersionVector.of(US, 3, EU, 1), 3_000, Map.of(Inventory.NAME, new ColumnEdit.Assign("Kettle")));
        assertThat(merger.apply(resolved, renamed).conflicts()).isEmpty();

        Change anotherSale = change(US, VersionVector.of(US, 4, EU, 1), 3_001, Map.of(STOCK, new ColumnEdit.CounterDelta(-1)));
        assertThat(merger.apply(resolved, anotherSale).conflicts()).singleElement()
                .extracting(Conflict::mergedValue).isEqualTo(-4L);
    }

    @Test
    void resolvingTheSameConflictTwiceTheSameWayIsTheSameChange() {
        RowState state = oversell();
        Conflict conflict = onlyConflict(state);
        Resolution first = resolution.resolve(conflict, new Decision.EnterValue(0), "ops", "cancel");
        Resolution again = resolution.resolve(conflict, new Decision.EnterValue(0), "ops", "cancel");
        RowState once = merger.apply(state, first.change()).state();
        RowState twice = merger.apply(once, again.change()).state();
        assertThat(twice.value(STOCK)).isEqualTo(0L);
    }

    @Test
    void aResolutionConcurrentWithANewSaleStillCountsTheSale() {
        RowState state = oversell();
        Resolution decided = resolution.resolve(onlyConflict(state), new Decision.EnterValue(0), "ops", "cancel");
        Change concurrentSale = change(EU, VersionVector.of(US, 1, EU, 2), 4_000, Map.of(STOCK, new ColumnEdit.CounterDelta(-1)));
        RowState a = apply(state, decided.change(), concurrentSale);
        RowState b = apply(state, concurrentSale, decided.change());
        assertThat(a).isEqualTo(b);
        assertThat(a.value(STOCK)).isEqualTo(-1L);
        assertThat(merger.conflicts(a)).singleElement().extracting(Conflict::kind).isEqualTo(ConflictKind.INVARIANT_VIOLATION);
    }

    @Test
    void anInvariantViolationHasNoSideToKeep() {
        assertThatThrownBy(() -> resolution.resolve(onlyConflict(oversell()), new Decision.KeepSide(0), "ops", "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enter a value or accept the merge");
    }

    @Test
    void refusesDecisionsThatDoNotFit() {
        Conflict dispute = onlyConflict(priceDispute());
        assertThatThrownBy(() -> resolution.resolve(dispute, new Decision.KeepSide(2), "ops", "why"))
                .hasMessageContaining("has sides 0..1, not 2");
        assertThatThrownBy(() -> resolution.resolve(onlyConflict(oversell()), new Decision.EnterValue("lots"), "ops", "why"))
                .hasMessageContaining("takes a whole number, got lots");
        assertThatThrownBy(() -> resolution.resolve(dispute, new Decision.AcceptMerge(), " ", "why"))
                .hasMessageContaining("operator");
        assertThatThrownBy(() -> resolution.resolve(dispute, new Decision.AcceptMerge(), "ops", ""))
                .hasMessageContaining("reason");
    }

    @Test
    void theSameConflictDerivedTwiceHasTheSameId() {
        assertThat(onlyConflict(priceDispute()).id()).isEqualTo(onlyConflict(priceDispute()).id());
        assertThat(onlyConflict(priceDispute()).id()).isNotEqualTo(onlyConflict(oversell()).id());
    }
}
