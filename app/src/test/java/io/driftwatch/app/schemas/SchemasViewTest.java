package io.driftwatch.app.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.shell.Theme;
import io.driftwatch.engine.api.SchemaCheck;
import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SchemasViewTest {
    private final FakeRegistry registry = FakeRegistry.globalMart();
    // The fake registry answers at once, so the test runs its calls in place.
    private final SchemasViewModel model = new SchemasViewModel(Runnable::run, Runnable::run);

    @Start
    void start(Stage stage) {
        Scene scene = new Scene((Parent) new SchemasView(model).root(), 1090, 760);
        scene.getStylesheets().setAll(Objects.requireNonNull(getClass().getResource(Theme.BASE)).toExternalForm(),
                Objects.requireNonNull(getClass().getResource(Theme.LIGHT.stylesheet())).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void connect(FxRobot robot) {
        robot.interact(() -> model.connect(registry));
    }

    @Test
    void listsTheSubjectsAndShowsTheLatestChangeOfTheFirst(FxRobot robot) {
        connect(robot);
        ListView<String> subjects = robot.lookup("#subjects").queryListView();
        assertThat(subjects.getItems()).containsExactly("globalmart.public.orders-value", "globalmart.public.payments-value");
        assertThat(subjects.getSelectionModel().getSelectedItem()).isEqualTo("globalmart.public.orders-value");
        assertThat(robot.lookup("#subject-level").queryAs(Label.class).getText()).startsWith("Compatibility level BACKWARD:");
        assertThat(robot.lookup("#diff-title").queryAs(Label.class).getText()).isEqualTo("Version 2 → version 3: 1 change");
        assertThat(robot.lookup("#diff").queryListView().getItems()).containsExactly("~ field price: int -> long");
        assertThat(robot.lookup("#version-schema").queryAs(TextArea.class).getText()).isEqualTo(FakeRegistry.ORDER_V3);
    }

    @Test
    void clickingAnotherSubjectAndFilteringTheList(FxRobot robot) {
        connect(robot);
        robot.clickOn("globalmart.public.payments-value");
        assertThat(robot.lookup("#diff-title").queryAs(Label.class).getText()).isEqualTo("The only version: nothing to compare");
        robot.clickOn("#subject-filter").write("orders");
        assertThat(robot.lookup("#subjects").queryListView().getItems()).containsExactly("globalmart.public.orders-value");
    }

    @Test
    void choosingAnOlderVersionShowsEverythingThatChangedSinceIt(FxRobot robot) {
        connect(robot);
        robot.clickOn("#diff-from");
        robot.clickOn("version 1 (id 11)");
        assertThat(robot.lookup("#diff-title").queryAs(Label.class).getText()).isEqualTo("Version 1 → version 3: 2 changes");
        assertThat(robot.lookup("#diff").queryListView().getItems()).hasSize(2);
    }

    @Test
    void ctrlEnterInTheSchemaBoxChecksWhatWasTyped(FxRobot robot) {
        connect(robot);
        robot.interact(() -> model.candidateProperty().set(""));
        robot.clickOn("#candidate").write("{\"type\":\"string\"}");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(registry.checked).containsExactly("globalmart.public.orders-value:{\"type\":\"string\"}");
        Label verdict = robot.lookup("#verdict").queryAs(Label.class);
        assertThat(verdict.getText()).isEqualTo("compatible at BACKWARD with version 3");
        assertThat(verdict.getStyleClass()).contains("verdict-ok");
    }

    @Test
    void theCheckButtonListsEachIncompatibilityInPlainWords(FxRobot robot) {
        connect(robot);
        registry.answer = new SchemaCheck(false, "BACKWARD", "INCOMPATIBLE at BACKWARD with version 3: 1 problem",
                List.of("field price: long (version 3) -> string (new schema): consumers upgraded to the new schema cannot read data "
                        + "written with version 3"), List.of("~ field price: long -> string"), false, List.of());
        robot.clickOn("#check");
        Label verdict = robot.lookup("#verdict").queryAs(Label.class);
        assertThat(verdict.getText()).isEqualTo("INCOMPATIBLE at BACKWARD with version 3: 1 problem");
        assertThat(verdict.getStyleClass()).contains("verdict-bad");
        ListView<String> details = robot.lookup("#check-details").queryListView();
        assertThat(details.getItems().get(0)).startsWith("✗ field price: long (version 3) -> string (new schema)");
        assertThat(robot.lookup(".diff-problem").queryAll()).isNotEmpty();
    }
}
