package io.driftwatch.app.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.common.UnavailableView;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.app.shell.ShellView;
import io.driftwatch.app.shell.ShellViewModel;
import io.driftwatch.app.shell.Theme;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LagViewTest {
    private final ShellViewModel shell = new ShellViewModel();
    private final LagViewModel model = new LagViewModel(LagThresholds.defaults(), Duration.ofMinutes(10));

    @Start
    void start(Stage stage) {
        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        for (Screen screen : Screen.values()) {
            screens.put(screen, UnavailableView.of(screen, "test"));
        }
        screens.put(Screen.LAG, new LagView(model).root());
        shell.select(Screen.LAG);
        stage.setScene(new ShellView(shell, screens).scene(1280, 800));
        stage.show();
    }

    private void probe(FxRobot robot, Snapshots snapshot) {
        robot.interact(() -> model.update(snapshot.build()));
    }

    private static Snapshots busy(long second) {
        return Snapshots.at(second).slot("us-east-1", 3L << 20)
                .partition("us-east-1", "globalmart.public.orders", 0, 120)
                .partition("us-east-1", "globalmart.public.order_lines", 0, 12_000)
                .visible("us-east-1", 900);
    }

    @Test
    void aProbeFillsTheTableAndTheWorstLagIsMarkedAndNamed(FxRobot robot) {
        probe(robot, busy(0));
        TableView<LagRow> table = robot.lookup("#lag-table").queryTableView();
        assertThat(table.getItems()).hasSize(4);
        assertThat(robot.lookup(".lag-row-worst").queryAllAs(TableRow.class)).singleElement()
                .satisfies(row -> {
                    assertThat(((LagRow) row.getItem()).subject()).isEqualTo("globalmart.public.order_lines [0]");
                    assertThat(row.getStyleClass()).contains("lag-row-red");
                });
        Label worst = robot.lookup("#lag-worst").queryAs(Label.class);
        assertThat(worst.getText()).isEqualTo("Worst lag (red): Kafka → processing, globalmart.public.order_lines [0] in us-east-1: 12,000 records behind");
        assertThat(worst.getStyleClass()).contains("lag-red");
        assertThat(robot.lookup("#lag-status").queryAs(Label.class).getText()).startsWith("Measured at ");
    }

    @Test
    void crossingAThresholdAddsAnAlert(FxRobot robot) {
        probe(robot, Snapshots.at(0).visible("us-east-1", 500));
        ListView<LagAlert> alerts = robot.lookup("#lag-alerts").queryListView();
        assertThat(alerts.getItems()).isEmpty();
        probe(robot, Snapshots.at(2).visible("us-east-1", 9_000));
        assertThat(alerts.getItems()).singleElement().extracting(LagAlert::text).asString().startsWith("AMBER: commit → visible");
    }

    @Test
    void selectingALagWithTheKeyboardShowsItsHistoryAndTheSelectionSurvivesTheNextProbe(FxRobot robot) {
        probe(robot, busy(0));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> history = robot.lookup("#lag-chart-selected").queryAs(LineChart.class);
        assertThat(history.getTitle()).isEqualTo("Worst: globalmart.public.order_lines [0] in us-east-1 (records)");

        robot.clickOn("slot driftwatch_globalmart_us_east_1");
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(history.getTitle()).isEqualTo("globalmart.public.orders [0] in us-east-1 (records)");
        probe(robot, busy(2));
        TableView<LagRow> table = robot.lookup("#lag-table").queryTableView();
        assertThat(table.getSelectionModel().getSelectedItem().subject()).isEqualTo("globalmart.public.orders [0]");
        assertThat(history.getData()).singleElement().satisfies(series -> assertThat(series.getData()).hasSize(2));
    }

    @Test
    void eachStageIsChartedPerRegion(FxRobot robot) {
        probe(robot, busy(0));
        probe(robot, busy(2));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> kafka = robot.lookup("#lag-chart-consumer").queryAs(LineChart.class);
        assertThat(kafka.getData()).singleElement().satisfies(series -> {
            assertThat(series.getName()).isEqualTo("us-east-1");
            assertThat(series.getData()).extracting(d -> d.getYValue().doubleValue()).containsExactly(12_120.0, 12_120.0);
        });
    }

    @Test
    void theLevelsAreColouredInBothThemes(FxRobot robot) {
        probe(robot, busy(0));
        Label worst = robot.lookup("#lag-worst").queryAs(Label.class);
        Paint light = worst.getBackground().getFills().get(0).getFill();
        robot.press(KeyCode.CONTROL).press(KeyCode.T).release(KeyCode.T).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.themeProperty().get()).isEqualTo(Theme.DARK);
        robot.interact(() -> worst.applyCss());
        Paint dark = worst.getBackground().getFills().get(0).getFill();
        assertThat(dark).isNotEqualTo(light);
    }
}
