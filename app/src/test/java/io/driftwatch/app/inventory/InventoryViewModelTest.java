package io.driftwatch.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.InventoryReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryViewModelTest {
    private final InventoryViewModel model = new InventoryViewModel();

    @Test
    void listsEachSkuByRegionAndMergedWorstFirst() {
        model.update(Stock.twoRegions());

        assertThat(model.warehouses()).containsExactly("eu-west-1", "us-east-1");
        assertThat(model.rows()).extracting(SkuRow::sku).containsExactly("SKU-2", "SKU-3", "SKU-10", "SKU-1");
        SkuRow worst = model.rows().get(0);
        assertThat(worst.stockIn("us-east-1")).isEqualTo(470);
        assertThat(worst.stockIn("eu-west-1")).isEqualTo(485);
        assertThat(worst.total()).isEqualTo(955);
        assertThat(worst.sellable()).isEqualTo(-5);
        assertThat(worst.oversold()).isTrue();
        assertThat(worst.openIncident()).isTrue();
        assertThat(model.summaryProperty().get()).isEqualTo("1 SKU oversold by 5 units in all; worst: SKU-2 at -5.");
        assertThat(model.statusProperty().get()).startsWith("4 SKUs in 2 warehouses; 1 open oversell, 1 decided (read at ");
    }

    @Test
    void incidentsOpenFirstAndTheSelectedOneShowsEachRegionsSales() {
        model.update(Stock.twoRegions());
        assertThat(model.incidents()).extracting(InventoryReader.Oversell::conflictId).containsExactly("c-2", "c-3");
        assertThat(model.selectedProperty().get().conflictId()).as("the newest open one until the operator picks one").isEqualTo("c-2");

        model.select("c-3");
        assertThat(model.sales()).extracting(InventoryViewModel.SaleRow::contribution).containsExactly("20", "-22");
        model.select("c-2");
        assertThat(model.headingProperty().get()).isEqualTo("SKU-2: merged sellable -5 (open), sold concurrently in us-east-1 and eu-west-1");
        assertThat(model.sales()).containsExactly(
                new InventoryViewModel.SaleRow("us-east-1", "10", "{us-east-1:30, eu-west-1:4}", "1700000001000.0@us-east-1"),
                new InventoryViewModel.SaleRow("eu-west-1", "-15", "{us-east-1:28, eu-west-1:11}", "1700000001200.0@eu-west-1"));

        model.update(Stock.twoRegions());
        assertThat(model.selectedProperty().get().conflictId()).as("kept across readings").isEqualTo("c-2");
        InventoryReader.Snapshot s = Stock.twoRegions();
        model.update(new InventoryReader.Snapshot(s.stock(), s.sellable(), s.incidents().subList(0, 1), true, true));
        assertThat(model.selectedProperty().get().conflictId()).as("no longer listed: the first listed instead").isEqualTo("c-3");
        model.update(new InventoryReader.Snapshot(s.stock(), s.sellable(), List.of(), true, true));
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.sales()).isEmpty();
    }

    @Test
    void theSkuFilterNarrowsBothLists() {
        model.update(Stock.twoRegions());
        model.filterProperty().set("sku-1");
        assertThat(model.rows()).extracting(SkuRow::sku).containsExactly("SKU-10", "SKU-1");
        assertThat(model.incidents()).isEmpty();
        model.filterProperty().set(" SKU-3 ");
        assertThat(model.rows()).extracting(SkuRow::sku).containsExactly("SKU-3");
        assertThat(model.incidents()).extracting(InventoryReader.Oversell::sku).containsExactly("SKU-3");
        model.update(Stock.twoRegions());
        assertThat(model.rows()).as("the filter holds across readings").extracting(SkuRow::sku).containsExactly("SKU-3");
    }

    @Test
    void saysPlainlyWhenTheViewsOrTheMergeAreNotThere() {
        model.update(new InventoryReader.Snapshot(List.of(), List.of(), List.of(), false, false));
        assertThat(model.statusProperty().get()).startsWith("The inventory and stock_levels views do not exist yet");
        assertThat(model.summaryProperty().get()).isEmpty();
        assertThat(model.rows()).isEmpty();

        InventoryReader.Snapshot s = Stock.twoRegions();
        model.update(new InventoryReader.Snapshot(s.stock(), s.sellable(), List.of(), true, false));
        assertThat(model.statusProperty().get()).startsWith("4 SKUs. No table is merged across regions, so no oversell can be recorded");
    }
}
