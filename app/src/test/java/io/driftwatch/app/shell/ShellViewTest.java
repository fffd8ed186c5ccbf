package io.driftwatch.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.common.UnavailableView;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
    private final ShellViewModel model = new ShellViewModel();

    @Start
    void start(Stage stage) {
        Map<Screen, Node> screens = new EnumMap<>(Screen.class);
        for (Screen screen : Screen.values()) {
            screens.put(screen, UnavailableView.of(screen, "test source for " + screen.title()));
        }
        stage.setScene(new ShellView(model, screens).scene(1280, 800));
        stage.show();
    }

    private String shownScreen(FxRobot robot) {
        StackPane content = robot.lookup("#content").queryAs(StackPane.class);
        return ((Label) content.getChildren().get(0).lookup(".screen-title")).getText();
    }

    @Test
    void listsEveryScreenAndStartsOnThePipeline(FxRobot robot) {
        ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        assertThat(navigation.getItems()).containsExactly(Screen.values());
        assertThat(shownScreen(robot)).isEqualTo("Pipeline");
    }

    @Test
    void clickingANavigationEntryShowsThatScreen(FxRobot robot) {
        robot.clickOn("Lag    Ctrl+2");
        assertThat(model.selectedProperty().get()).isEqualTo(Screen.LAG);
        assertThat(shownScreen(robot)).isEqualTo("Lag");
        assertThat(robot.lookup("#unavailable-lag").queryLabeled().getText()).startsWith("No data source yet:");
    }

    @Test
    void keyboardShortcutsSwitchScreensAndTheme(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT5).release(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedProperty().get()).isEqualTo(Screen.SCHEMAS);
        assertThat(shownScreen(robot)).isEqualTo("Schemas");

        robot.press(KeyCode.CONTROL).press(KeyCode.T).release(KeyCode.T).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(robot.lookup("#content").query().getScene().getStylesheets())
                .anyMatch(s -> s.endsWith("dark.css")).noneMatch(s -> s.endsWith("light.css"));
    }

    @Test
    void theStatusLineFollowsTheModel(FxRobot robot) {
        robot.interact(() -> model.statusProperty().set("All 7 servers answer."));
        assertThat(robot.lookup("#status-line").queryLabeled().getText()).isEqualTo("All 7 servers answer.");
    }

    @Test
    void aLongStatusLineNeverHidesTheThemeHint(FxRobot robot) {
        robot.interact(() -> model.statusProperty().set("3,176 transactions committed, 23,402 changes captured ".repeat(6)));
        Label hint = robot.lookup("Ctrl+T theme").queryAs(Label.class);
        assertThat(hint.getWidth()).isGreaterThanOrEqualTo(hint.prefWidth(-1) - 0.5);
    }
}
