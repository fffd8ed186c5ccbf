package io.driftwatch.app.regions;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.shell.Theme;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class RegionsViewTest {
    private final FakeRegionControl control = new FakeRegionControl();
    // A real background thread, as in the app: the move must not run on the FX thread.
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final RegionsViewModel model = new RegionsViewModel(background, Platform::runLater, System::currentTimeMillis);

    @Start
    void start(Stage stage) {
        Scene scene = new Scene((Parent) new RegionsView(model).root(), 1090, 760);
        scene.getStylesheets().setAll(Objects.requireNonNull(getClass().getResource(Theme.BASE)).toExternalForm(),
                Objects.requireNonNull(getClass().getResource(Theme.LIGHT.stylesheet())).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        control.hold.countDown();
        background.shutdownNow();
    }

    @Test
    void showsEachRegionReplicationAndTheRecordedFigures(FxRobot robot) {
        control.recorded.add(FakeRegionControl.figures("failover", "us-east-1", "eu-west-1"));
        robot.interact(() -> {
            model.connect(control);
            model.update(control.snapshot("kafka-eu-west-1"));
        });
        Node east = robot.lookup("#region-us-east-1").query();
        assertThat(east.getStyleClass()).contains("region-active").doesNotContain("region-down");
        assertThat(robot.lookup("#region-eu-west-1").query().getStyleClass()).contains("region-down").doesNotContain("region-active");
        assertThat(robot.from(east).lookup("primary, processing here").tryQuery()).isPresent();
        TableView<?> directions = robot.lookup("#replication-directions").queryAs(TableView.class);
        assertThat(directions.getItems()).hasSize(2);
        assertThat(robot.lookup("globalmart.public.orders[0]: 20 records").tryQuery()).isPresent();
        assertThat(robot.lookup("#replication-partitions").queryAs(TableView.class).getItems()).hasSize(4);
        assertThat(robot.lookup("#failover-figures").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("8.4 s").tryQuery()).as("the RTO column").isPresent();
    }

    @Test
    void failOverAsksForConfirmationThenMovesInTheBackgroundWhileTheWindowStaysResponsive(FxRobot robot) throws Exception {
        control.hold = new CountDownLatch(1);
        robot.interact(() -> {
            model.connect(control);
            model.update(control.snapshot());
        });
        Button failover = robot.lookup("#failover").queryButton();
        assertThat(failover.getText()).isEqualTo("Fail over to eu-west-1…");
        assertThat(robot.lookup("#failback").queryButton().isDisabled()).isTrue();

        robot.clickOn("#failover");
        assertThat(robot.lookup("#move-confirmation").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        assertThat(control.moves).as("cancelled").isEmpty();

        robot.clickOn("#failover");
        robot.clickOn(RegionsView.MOVE.getText());
        waitUntil(() -> control.moves.size() == 1);
        assertThat(control.moves).containsExactly("failover eu-west-1");
        // The move is held in the background; the FX thread still answers and shows progress.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#move-progress").query().isVisible()).isTrue();
        assertThat(robot.lookup("#move-progress-text").queryAs(Label.class).getText()).startsWith("Failing over from us-east-1 to eu-west-1 …");
        assertThat(failover.isDisabled()).isTrue();

        control.hold.countDown();
        waitUntil(() -> !model.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#move-result").queryAs(Label.class).getText()).startsWith("Processing moved from us-east-1 to eu-west-1");
        assertThat(robot.lookup("#move-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#failback").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#region-eu-west-1").query().getStyleClass()).contains("region-active");
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 10 s");
            }
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(20);
        }
    }
}
