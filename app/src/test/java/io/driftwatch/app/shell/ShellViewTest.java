package io.driftwatch.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.common.UnavailableView;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
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
        // A screen with controls, to walk into with the keyboard.
        TextField first = new TextField();
        first.setId("schemas-first");
        screens.put(Screen.SCHEMAS, new VBox(new Label("Schemas") {{ getStyleClass().add("screen-title"); }}, first, new Button("Check")));
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
        Label hint = robot.lookup("#keys-hint").queryAs(Label.class);
        assertThat(hint.getWidth()).isGreaterThanOrEqualTo(hint.prefWidth(-1) - 0.5);
    }

    @Test
    void everyShortcutSelectsItsScreen(FxRobot robot) {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6};
        for (Screen screen : Screen.values()) {
            robot.press(KeyCode.CONTROL).press(digits[screen.ordinal()]).release(digits[screen.ordinal()]).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(shownScreen(robot)).isEqualTo(screen.title());
        }
    }

    @Test
    void theArrowKeysInTheNavigationSwitchScreens(FxRobot robot) {
        robot.interact(() -> robot.lookup("#navigation").query().requestFocus());
        robot.type(KeyCode.DOWN);
        assertThat(model.selectedProperty().get()).isEqualTo(Screen.LAG);
        robot.type(KeyCode.DOWN);
        assertThat(shownScreen(robot)).isEqualTo("Conflicts");
    }

    @Test
    void f6MovesTheFocusIntoTheScreenAndBackAndTabWalksItsControls(FxRobot robot) {
        robot.interact(() -> model.select(Screen.SCHEMAS));
        robot.interact(() -> robot.lookup("#navigation").query().requestFocus());
        robot.type(KeyCode.F6);
        assertThat(robot.lookup("#schemas-first").query().isFocused()).as("the screen's first control").isTrue();
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("Check").queryButton().isFocused()).as("Tab walks on through the screen").isTrue();
        robot.type(KeyCode.F6);
        assertThat(robot.lookup("#navigation").query().isFocused()).as("back to the navigation").isTrue();
    }

    @Test
    void bothThemesKeepTextReadableOnTheirBackground(FxRobot robot) {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> model.themeProperty().set(theme));
            Label title = (Label) robot.lookup("#content").queryAs(StackPane.class).getChildren().get(0).lookup(".screen-title");
            Color text = (Color) title.getTextFill();
            Color background = shellBackground(robot);
            assertThat(contrast(text, background)).as(theme + " contrast of the title").isGreaterThanOrEqualTo(7.0);
        }
    }

    private static Color shellBackground(FxRobot robot) {
        BorderPane shell = (BorderPane) robot.lookup(".shell").query();
        return (Color) shell.getBackground().getFills().get(0).getFill();
    }

    /** WCAG contrast ratio of two colours (1 to 21). */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
