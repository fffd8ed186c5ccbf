package io.driftwatch.app.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.shell.Theme;
import io.driftwatch.engine.api.ConflictDesk;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConflictsViewTest {
    private final FakeConflicts desk = FakeConflicts.twoRegions();
    // The fake desk answers at once, so the test runs its calls in place.
    private final ConflictsViewModel model = new ConflictsViewModel(Runnable::run, Runnable::run, "alice");

    @Start
    void start(Stage stage) {
        Scene scene = new Scene((Parent) new ConflictsView(model).root(), 1200, 800);
        scene.getStylesheets().setAll(Objects.requireNonNull(getClass().getResource(Theme.BASE)).toExternalForm(),
                Objects.requireNonNull(getClass().getResource(Theme.LIGHT.stylesheet())).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ConflictDesk.OpenConflict> conflicts(FxRobot robot) {
        return robot.lookup("#conflicts").queryAs(TableView.class);
    }

    @Test
    void clickingAConflictShowsItsSidesAndTheVectorsWhereTheyDiverged(FxRobot robot) {
        robot.interact(() -> model.connect(desk));
        assertThat(conflicts(robot).getItems()).hasSize(2);
        robot.clickOn("concurrent edits");
        assertThat(robot.lookup("#conflict-heading").queryAs(Label.class).getText()).endsWith("column price: concurrent changes to a manual column");
        assertThat(robot.lookup("#side-value-1").queryAs(Label.class).getText()).isEqualTo("6.00");
        assertThat(robot.lookup("#side-value-2").queryAs(Label.class).getText()).isEqualTo("7.00");
        assertThat(robot.lookup("#conflict-merged").queryAs(Label.class).getText()).isEqualTo("Automatic merge: 7.00");
        assertThat(robot.lookup("#vector-diagram .vector-ahead").queryAll()).hasSize(2);
        assertThat(robot.lookup("#vector-diagram .vector-behind").queryAll()).hasSize(2);
        assertThat(robot.lookup("#keep-side-1").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("invariant broken");
        assertThat(robot.lookup("#keep-side-1").queryAs(Button.class).isDisabled()).as("no single side is right").isTrue();
    }

    @Test
    void everyHeaderAndShortFormInTheListIsShownWhole(FxRobot robot) {
        robot.interact(() -> model.connect(desk));
        robot.interact(() -> robot.lookup("#conflicts").query().getScene().getWindow().setWidth(1090)); // the content beside the 190 px navigation at 1280
        assertThat(robot.lookup("#conflicts .column-header .label").queryAllAs(Label.class))
                .isNotEmpty().allSatisfy(l -> assertThat(l.getWidth()).as(l.getText()).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5));
        assertThat(robot.lookup("#conflicts .table-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .filteredOn(c -> c.getText() != null && !c.getText().isEmpty()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getWidth()).as(c.getText()).isGreaterThanOrEqualTo(c.prefWidth(-1) - 0.5));
    }

    @Test
    void theFilterNarrowsTheList(FxRobot robot) {
        robot.interact(() -> model.connect(desk));
        robot.clickOn("#conflict-filter").write("stock");
        assertThat(conflicts(robot).getItems()).hasSize(2);
        robot.interact(() -> model.filterProperty().set(""));
        robot.clickOn("#conflict-filter").write("price");
        assertThat(conflicts(robot).getItems()).extracting(ConflictDesk.OpenConflict::column).containsExactly("price");
    }

    @Test
    void keepingASideAsksForAReasonThenResolvesAndAuditsIt(FxRobot robot) {
        robot.interact(() -> model.connect(desk));
        robot.clickOn("concurrent edits");
        robot.clickOn("#keep-side-2");
        assertThat(robot.lookup("#decision-result").queryAs(Label.class).getText())
                .isEqualTo("Give a reason for the decision; it goes into the audit trail.");
        assertThat(robot.lookup("#decision-result").queryAs(Label.class).getStyleClass()).contains("verdict-bad");
        assertThat(desk.resolved).isEmpty();

        robot.clickOn("#decision-reason").write("the EU price list is current");
        robot.clickOn("#keep-side-2");
        assertThat(desk.resolved).containsExactly("c-price:keep side 1:alice:the EU price list is current");
        assertThat(robot.lookup("#decision-result").queryAs(Label.class).getText()).startsWith("Resolved stock");
        assertThat(conflicts(robot).getItems()).extracting(ConflictDesk.OpenConflict::column).containsExactly("stock");
        TableView<?> audit = robot.lookup("#audit").queryAs(TableView.class);
        assertThat(audit.getItems()).hasSize(1);
        assertThat(robot.lookup("the EU price list is current").tryQuery()).isPresent();
        assertThat(robot.lookup("#operator").queryAs(Label.class).getText()).isEqualTo("Deciding as alice");
    }

    @Test
    void withoutAMergedTableItSaysSo(FxRobot robot) {
        desk.merging = false;
        robot.interact(() -> model.connect(desk));
        assertThat(robot.lookup("#conflicts-status").queryAs(Label.class).getText())
                .startsWith("The demo merges no table yet, so no conflicts are recorded");
        assertThat(conflicts(robot).getItems()).isEmpty();
    }
}
