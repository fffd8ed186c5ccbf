package io.driftwatch.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.shell.Theme;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class InventoryViewTest {
    private final InventoryViewModel model = new InventoryViewModel();

    @Start
    void start(Stage stage) {
        Scene scene = new Scene((Parent) new InventoryView(model).root(), 1090, 760);
        scene.getStylesheets().setAll(Objects.requireNonNull(getClass().getResource(Theme.BASE)).toExternalForm(),
                Objects.requireNonNull(getClass().getResource(Theme.LIGHT.stylesheet())).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void showsAColumnPerRegionAndMarksTheOversoldSku(FxRobot robot) {
        robot.interact(() -> model.update(Stock.twoRegions()));
        TableView<?> skus = robot.lookup("#skus").queryAs(TableView.class);
        assertThat(skus.getVisibleLeafColumns()).extracting(c -> c.getParentColumn() == null ? c.getText()
                        : c.getParentColumn().getText() + " " + c.getText())
                .containsExactly("SKU", "Stock eu-west-1", "Stock us-east-1", "Stock total", "Sellable merged");
        assertThat(skus.getVisibleLeafColumns().get(4).getCellData(0)).isEqualTo("-5");
        // Every header is shown whole: none is cut to an ellipsis.
        assertThat(robot.lookup("#skus .column-header .label").queryAllAs(Label.class))
                .isNotEmpty().allSatisfy(l -> assertThat(l.getWidth()).as(l.getText()).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5));
        assertThat(robot.lookup("#skus .stock-row-oversold").queryAll()).as("SKU-2 alone")
                .hasSize(1).allSatisfy(r -> assertThat(((TableRow<?>) r).getItem()).isEqualTo(model.rows().get(0)));
        assertThat(robot.lookup("#inventory-summary").queryAs(Label.class).getText()).startsWith("1 SKU oversold by 5 units");
    }

    @Test
    void clickingAnIncidentShowsTheConcurrentSalesAndTheFilterNarrowsIt(FxRobot robot) {
        robot.interact(() -> model.update(Stock.twoRegions()));
        robot.clickOn("open");
        assertThat(robot.lookup("#incident-heading").queryAs(Label.class).getText()).startsWith("SKU-2: merged sellable -5 (open)");
        TableView<?> sales = robot.lookup("#incident-sales").queryAs(TableView.class);
        assertThat(sales.getItems()).hasSize(2);
        assertThat(robot.lookup("{us-east-1:28, eu-west-1:11}").tryQuery()).isPresent();

        robot.clickOn("#sku-filter").write("SKU-3");
        assertThat(robot.lookup("#incidents").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#skus").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("alice: enter value 0 (value 0) because counted the shelf").tryQuery()).isPresent();
    }
}
