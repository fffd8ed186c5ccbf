package io.driftwatch.app.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ConflictDesk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictsViewModelTest {
    private final FakeConflicts desk = FakeConflicts.twoRegions();
    private final List<Runnable> queued = new ArrayList<>();
    // Background work is queued so tests can see what happens before and after it runs.
    private final ConflictsViewModel model = new ConflictsViewModel(queued::add, Runnable::run, "alice");

    private void runBackground() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    private void connect() {
        model.connect(desk);
        runBackground();
    }

    @Test
    void theListShowsKeysTablesAndKindsInShortForms() {
        assertThat(ConflictsViewModel.keyShort("{\"sku\": \"SKU-5\"}")).isEqualTo("SKU-5");
        assertThat(ConflictsViewModel.keyShort("{\"order_id\": 7, \"line_no\": 2}")).isEqualTo("7, 2");
        assertThat(ConflictsViewModel.keyShort("{\"code\": \"a:b, \\\"c\\\"\"}")).isEqualTo("a:b, \"c\"");
        assertThat(ConflictsViewModel.keyShort("lsn:42")).isEqualTo("lsn:42");
        assertThat(ConflictsViewModel.tableShort("public.products")).isEqualTo("products");
        assertThat(ConflictsViewModel.tableShort("sales.products")).isEqualTo("sales.products");
        assertThat(ConflictsViewModel.kindShort("CONCURRENT_MANUAL")).isEqualTo("concurrent edits");
        assertThat(ConflictsViewModel.kindShort("INVARIANT_VIOLATION")).isEqualTo("invariant broken");
    }

    @Test
    void listsTheOpenConflictsAndFiltersByTableKeyColumnKindOrRegion() {
        connect();
        assertThat(model.shown()).extracting(ConflictDesk.OpenConflict::column).containsExactly("price", "stock");
        model.filterProperty().set("PRICE");
        assertThat(model.shown()).extracting(ConflictDesk.OpenConflict::id).containsExactly(FakeConflicts.PRICE);
        model.filterProperty().set("invariant");
        assertThat(model.shown()).extracting(ConflictDesk.OpenConflict::id).containsExactly(FakeConflicts.STOCK);
        model.filterProperty().set("eu-west");
        assertThat(model.shown()).hasSize(2);
        model.filterProperty().set("sku-9");
        assertThat(model.shown()).isEmpty();
        model.filterProperty().set(" ");
        assertThat(model.shown()).hasSize(2);
        assertThat(model.statusProperty().get()).startsWith("2 open conflicts; 0 decisions in the audit trail");
    }

    @Test
    void selectingAConflictShowsItsSidesMergeAndReason() {
        connect();
        model.select(FakeConflicts.PRICE);
        assertThat(model.headingProperty().get()).isEqualTo("stock {\"sku\": \"sku-1\"}, column price: concurrent changes to a manual column");
        assertThat(model.sides()).containsExactly(
                new ConflictsViewModel.SideRow(0, "us-east-1", "6.00", "1700000000000.0@us-east-1", "{us-east-1:3, eu-west-1:0}"),
                new ConflictsViewModel.SideRow(1, "eu-west-1", "7.00", "1700000000050.0@eu-west-1", "{us-east-1:2, eu-west-1:1}"));
        assertThat(model.mergedProperty().get()).isEqualTo("7.00");
        assertThat(model.whyProperty().get()).isEqualTo("concurrent changes to manual column price");
        assertThat(model.enteredValueProperty().get()).as("the value box starts from the merge").isEqualTo("7.00");
        assertThat(model.canKeepSideProperty().get()).isTrue();

        model.select(FakeConflicts.STOCK);
        assertThat(model.canKeepSideProperty().get()).isFalse();
        model.select("unknown");
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.sides()).isEmpty();
        assertThat(model.diagramProperty().get()).isEqualTo(VectorDiagram.EMPTY);
    }

    @Test
    void theVectorDiagramHasARowPerSideAndMarksWhereTheyDiverged() {
        connect();
        model.select(FakeConflicts.PRICE);
        VectorDiagram d = model.diagramProperty().get();
        assertThat(d.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(d.rows()).extracting(VectorDiagram.Row::side).containsExactly("side 1: us-east-1", "side 2: eu-west-1");
        assertThat(d.rows().get(0).cells()).containsExactly(new VectorDiagram.Cell("us-east-1", 3, true, true),
                new VectorDiagram.Cell("eu-west-1", 0, true, false));
        assertThat(d.rows().get(1).cells()).containsExactly(new VectorDiagram.Cell("us-east-1", 2, true, false),
                new VectorDiagram.Cell("eu-west-1", 1, true, true));
        assertThat(d.divergence()).isEqualTo("Diverged at us-east-1 (us-east-1 saw 3, eu-west-1 saw 2); eu-west-1 (us-east-1 saw 0, "
                + "eu-west-1 saw 1): each side saw changes the other had not (concurrent).");
    }

    @Test
    void aVectorEntryTheSidesAgreeOnIsNotHighlightedAndAMissingRegionCountsAsZero() {
        VectorDiagram d = VectorDiagram.of(List.of(
                new ConflictDesk.Side("eu-west-1", "1", java.util.Map.of("eu-west-1", 4L, "us-east-1", 2L), "c1"),
                new ConflictDesk.Side("us-east-1", "2", java.util.Map.of("us-east-1", 2L), "c2")));
        assertThat(d.regions()).as("primary first").containsExactly("us-east-1", "eu-west-1");
        assertThat(d.rows().get(0).cells()).containsExactly(new VectorDiagram.Cell("us-east-1", 2, false, false),
                new VectorDiagram.Cell("eu-west-1", 4, true, true));
        assertThat(d.rows().get(1).cells()).containsExactly(new VectorDiagram.Cell("us-east-1", 2, false, false),
                new VectorDiagram.Cell("eu-west-1", 0, true, false));
        assertThat(d.divergence()).isEqualTo("Diverged at eu-west-1 (eu-west-1 saw 4, us-east-1 saw 0).");
    }

    @Test
    void aDecisionWithoutAReasonIsRefusedAndNothingIsSent() {
        connect();
        model.select(FakeConflicts.PRICE);
        model.reasonProperty().set("   ");
        assertThat(model.keepSide(0)).isFalse();
        assertThat(model.acceptMerge()).isFalse();
        assertThat(model.resultProperty().get()).isEqualTo("Give a reason for the decision; it goes into the audit trail.");
        assertThat(model.resultFailedProperty().get()).isTrue();
        assertThat(queued).isEmpty();
        assertThat(desk.resolved).isEmpty();
    }

    @Test
    void aConsoleWhoseUserMayNotWriteTheCommandTopicRefusesEveryDecisionWithTheReason() {
        connect();
        model.select(FakeConflicts.PRICE);
        model.reasonProperty().set("the EU price list is the current one");
        String why = "The console's Kafka user 'dw_console' may not write driftwatch.globalmart.commands (us-east-1), so it watches only";
        model.commandsRefused(why);

        assertThat(model.commandRefusalProperty().get()).isEqualTo(why);
        assertThat(model.keepSide(0)).isFalse();
        assertThat(model.acceptMerge()).isFalse();
        assertThat(model.resultProperty().get()).isEqualTo(why);
        assertThat(queued).isEmpty();
        assertThat(desk.resolved).isEmpty();

        model.commandsRefused(null);
        assertThat(model.refusal(new ConflictDesk.Choice.AcceptMerge())).isEmpty();
    }

    @Test
    void keepingOneSideOfAnInvariantViolationIsRefused() {
        connect();
        model.select(FakeConflicts.STOCK);
        model.reasonProperty().set("east sold first");
        assertThat(model.refusal(new ConflictDesk.Choice.KeepSide(0))).hasValueSatisfying(
                r -> assertThat(r).startsWith("Keeping one side is not allowed for an invariant violation"));
        assertThat(model.keepSide(0)).isFalse();
        assertThat(model.refusal(new ConflictDesk.Choice.AcceptMerge())).isEmpty();
        assertThat(desk.resolved).isEmpty();
    }

    @Test
    void otherRefusalsNoSelectionNoValueNoSuchSideNoOperator() {
        connect();
        model.reasonProperty().set("because");
        assertThat(model.refusal(new ConflictDesk.Choice.AcceptMerge())).contains("Select a conflict first.");
        model.select(FakeConflicts.PRICE);
        assertThat(model.refusal(new ConflictDesk.Choice.KeepSide(2))).contains("There is no side 3.");
        model.enteredValueProperty().set(" ");
        assertThat(model.enterValue()).isFalse();
        assertThat(model.resultProperty().get()).isEqualTo("Enter the value to set.");
        model.operatorProperty().set("");
        assertThat(model.refusal(new ConflictDesk.Choice.AcceptMerge())).contains("Say who decides: the operator is empty.");
    }

    @Test
    void aDecisionRunsInTheBackgroundThenShowsTheResultRefreshesAndAudits() {
        connect();
        model.select(FakeConflicts.PRICE);
        model.reasonProperty().set("head office sets 6.50");
        model.enteredValueProperty().set("6.50");
        assertThat(model.enterValue()).isTrue();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(desk.resolved).as("nothing is sent on the calling thread").isEmpty();
        assertThat(model.refusal(new ConflictDesk.Choice.AcceptMerge())).contains("A decision is being applied; wait for its result.");

        runBackground();
        assertThat(desk.resolved).containsExactly("c-price:enter value 6.50:alice:head office sets 6.50");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.resultFailedProperty().get()).isFalse();
        assertThat(model.resultProperty().get()).startsWith("Resolved stock {\"sku\": \"sku-1\"} price: enter value 6.50, value 6.50 (by alice)");
        assertThat(model.reasonProperty().get()).as("the next decision needs its own reason").isEmpty();
        assertThat(model.shown()).extracting(ConflictDesk.OpenConflict::id).containsExactly(FakeConflicts.STOCK);
        assertThat(model.selectedProperty().get()).as("the resolved conflict is no longer selected").isNull();
        assertThat(model.audit()).singleElement().satisfies(r -> {
            assertThat(r.operator()).isEqualTo("alice");
            assertThat(r.reason()).isEqualTo("head office sets 6.50");
            assertThat(r.value()).isEqualTo("6.50");
        });
    }

    @Test
    void aFailedDecisionSaysWhyAndKeepsTheConflict() {
        connect();
        model.select(FakeConflicts.PRICE);
        model.reasonProperty().set("keep the east price");
        desk.open.clear(); // someone else resolved it meanwhile
        assertThat(model.keepSide(0)).isTrue();
        runBackground();
        assertThat(model.resultFailedProperty().get()).isTrue();
        assertThat(model.resultProperty().get()).isEqualTo("Not applied: conflict c-price is not open (resolved already, or unknown)");
        assertThat(model.reasonProperty().get()).as("the reason is kept for another try").isEqualTo("keep the east price");
        assertThat(model.shown()).isEmpty();
    }

    @Test
    void withoutAMergedTableTheScreenSaysSoPlainly() {
        desk.merging = false;
        connect();
        assertThat(model.mergingProperty().get()).isFalse();
        assertThat(model.shown()).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("The demo merges no table yet, so no conflicts are recorded");
    }

    @Test
    void aRefreshKeepsTheSelectionWhileTheConflictIsOpen() {
        connect();
        model.select(FakeConflicts.STOCK);
        model.refresh();
        runBackground();
        assertThat(model.selectedProperty().get().id()).isEqualTo(FakeConflicts.STOCK);
    }
}
