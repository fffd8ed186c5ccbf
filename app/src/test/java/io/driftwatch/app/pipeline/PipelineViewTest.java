package io.driftwatch.app.pipeline;

import static io.driftwatch.app.pipeline.Readings.EAST;
import static io.driftwatch.app.pipeline.Readings.T0;
import static io.driftwatch.app.pipeline.Readings.WEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.common.UnavailableView;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.app.shell.ShellView;
import io.driftwatch.app.shell.ShellViewModel;
import io.driftwatch.engine.api.LatencySummary;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PipelineViewTest {
    private final ShellViewModel shell = new ShellViewModel();
    private final PipelineViewModel model = new PipelineViewModel();
    private Node screen;

    @Start
    void start(Stage stage) {
        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        for (Screen s : Screen.values()) {
            screens.put(s, UnavailableView.of(s, "test"));
        }
        screen = new PipelineView(model).root();
        screens.put(Screen.PIPELINE, screen);
        stage.setScene(new ShellView(shell, screens).scene(1280, 800));
        stage.show();
    }

    /** Two readings of every source, two seconds apart, with latency each time. */
    private void readings(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 0; i < 2; i++) {
                model.update(Readings.status(1_000 + 600L * i), T0.plusSeconds(2L * i));
                model.lag(Readings.lag(2 * i, 10_000 + 800L * i));
                model.activity(Readings.activity(2 * i, 500 + 40L * i, 1_000_000 + 102_400L * i, 40 + 40L * i));
                model.processing(Readings.job(900 + 600L * i, "ok"), null, new LatencySummary(30, 140 + i, 400 + i), T0.plusSeconds(2L * i));
            }
        });
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void beforeAnyReadingTheTopologySaysSo(FxRobot robot) {
        assertThat(robot.lookup("#topology").lookup("No stage measured yet.").tryQuery()).isPresent();
        assertThat(robot.lookup(".stage-tile").queryAll()).isEmpty();
    }

    @Test
    void eachRegionShowsEveryStageWithItsThroughput(FxRobot robot) {
        readings(robot);
        assertThat(robot.lookup(".stage-tile").queryAll()).hasSize(12);
        assertThat(text(robot, "rate-us-east-1-postgres")).isEqualTo("20 tx/s");
        assertThat(text(robot, "rate-us-east-1-capture")).isEqualTo("300 events/s");
        assertThat(text(robot, "rate-us-east-1-kafka")).isEqualTo("400 rec/s");
        assertThat(text(robot, "rate-us-east-1-flink")).isEqualTo("300 rec/s");
        assertThat(text(robot, "rate-us-east-1-clickhouse")).isEqualTo("20 tx/s");
        assertThat(robot.lookup("#stage-us-east-1-kafka").query().getStyleClass()).contains("stage-tile", "stage-ok");
        assertThat(robot.lookup("#stage-eu-west-1-capture").query().getStyleClass()).contains("stage-idle");
    }

    @Test
    void theMirrorSaysPlainlyThatItIsNotConfigured(FxRobot robot) {
        readings(robot);
        for (String region : new String[] {EAST, WEST}) {
            assertThat(text(robot, "rate-" + region + "-mirror")).isEqualTo("not configured");
            assertThat(robot.lookup("#stage-" + region + "-mirror").query().getStyleClass()).contains("stage-not-configured");
        }
    }

    @Test
    void stagesReadInPipelineOrderLeftToRightAndFitTheWindow(FxRobot robot) {
        readings(robot);
        double previous = -1;
        for (io.driftwatch.app.pipeline.Stage stage : io.driftwatch.app.pipeline.Stage.values()) {
            Bounds b = robot.lookup("#stage-us-east-1-" + stage.name().toLowerCase()).query().localToScene(
                    robot.lookup("#stage-us-east-1-" + stage.name().toLowerCase()).query().getBoundsInLocal());
            assertThat(b.getMinX()).as(stage.name()).isGreaterThan(previous);
            assertThat(b.getMaxX()).as(stage.name() + " inside a 1280 px window").isLessThanOrEqualTo(1280);
            previous = b.getMinX();
        }
        Bounds west = robot.lookup("#stage-eu-west-1-postgres").query().localToScene(
                robot.lookup("#stage-eu-west-1-postgres").query().getBoundsInLocal());
        Bounds east = robot.lookup("#stage-us-east-1-postgres").query().localToScene(
                robot.lookup("#stage-us-east-1-postgres").query().getBoundsInLocal());
        assertThat(west.getMinY()).as("one row per region").isGreaterThan(east.getMaxY() - 1);
        Bounds chart = robot.lookup("#latency-chart").query().localToScene(robot.lookup("#latency-chart").query().getBoundsInLocal());
        assertThat(chart.getMaxY()).as("the chart fits an 800 px window").isLessThanOrEqualTo(800);
        assertThat(chart.getHeight()).as("the chart has room to be read").isGreaterThanOrEqualTo(180);
    }

    @Test
    void theLatencyChartDrawsP50AndP99OverTime(FxRobot robot) {
        readings(robot);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#latency-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("p50", "p99");
        assertThat(chart.getData().get(0).getData()).extracting(d -> d.getXValue().doubleValue(), d -> d.getYValue().doubleValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-2.0, 140.0), org.assertj.core.groups.Tuple.tuple(0.0, 141.0));
        assertThat(chart.getData().get(1).getData()).extracting(d -> d.getYValue().doubleValue()).containsExactly(400.0, 401.0);
    }
}
