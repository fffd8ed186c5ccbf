package io.driftwatch.app.shell;

import java.util.Map;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The console's frame: navigation on the left, the selected screen in the middle, a status line
 * at the bottom. Ctrl+1 … Ctrl+6 switch screens, F6 moves the focus between the navigation and
 * the screen, Ctrl+T switches the theme; Tab and the arrow keys do the rest, as in any JavaFX form.
 */
public final class ShellView {
    private final ShellViewModel model;
    private final Map<Screen, Node> screens;
    private final BorderPane root = new BorderPane();
    private final ListView<Screen> navigation = new ListView<>(FXCollections.observableArrayList(Screen.values()));
    private final StackPane content = new StackPane();

    /** The keys that are not visible on any control, always in view in the status bar. */
    static final String KEYS_HINT = "Ctrl+1…6 screens · F6 navigation or screen · Ctrl+T theme";

    public ShellView(ShellViewModel model, Map<Screen, Node> screens) {
        this.model = model;
        this.screens = Map.copyOf(screens);
        build();
    }

    private void build() {
        root.getStyleClass().add("shell");
        navigation.setId("navigation");
        navigation.getStyleClass().add("navigation");
        navigation.setPrefWidth(190);
        navigation.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Screen screen, boolean empty) {
                super.updateItem(screen, empty);
                setText(empty || screen == null ? null : screen.title() + "    Ctrl+" + screen.shortcutDigit());
            }
        });
        navigation.getSelectionModel().select(model.selectedProperty().get());
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> show(now));

        Label title = new Label("Driftwatch");
        title.getStyleClass().add("app-title");
        Label status = new Label();
        status.setId("status-line");
        status.textProperty().bind(model.statusProperty());
        // The status line takes the room left and shortens itself; the theme hint always shows whole.
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label themeHint = new Label(KEYS_HINT);
        themeHint.setId("keys-hint");
        themeHint.setMinWidth(Region.USE_PREF_SIZE);
        HBox bottom = new HBox(8, status, themeHint);
        bottom.getStyleClass().add("status-bar");
        bottom.setPadding(new Insets(4, 10, 4, 10));

        BorderPane left = new BorderPane(navigation);
        left.setTop(title);
        BorderPane.setMargin(title, new Insets(12, 12, 8, 12));
        left.getStyleClass().add("sidebar");

        content.setId("content");
        content.getStyleClass().add("content");
        root.setLeft(left);
        root.setCenter(content);
        root.setBottom(bottom);
        show(model.selectedProperty().get());
    }

    private void show(Screen screen) {
        Node node = Objects.requireNonNull(screens.get(screen), () -> "no view for " + screen);
        content.getChildren().setAll(node);
        if (navigation.getSelectionModel().getSelectedItem() != screen) {
            navigation.getSelectionModel().select(screen);
        }
    }

    public Parent root() {
        return root;
    }

    /** Builds the scene with the theme applied and the keyboard shortcuts installed. */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        applyTheme(scene, model.themeProperty().get());
        model.themeProperty().addListener((obs, old, now) -> applyTheme(scene, now));
        for (Screen screen : Screen.values()) {
            KeyCodeCombination combo = new KeyCodeCombination(KeyCode.getKeyCode(screen.shortcutDigit()), KeyCombination.SHORTCUT_DOWN);
            scene.getAccelerators().put(combo, () -> model.select(screen));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), model::toggleTheme);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F6), () -> switchFocus(scene));
        return scene;
    }

    /**
     * F6 moves the focus from the navigation into the screen (its first control that takes the
     * focus) and back. Why: Tab walks through every control of a screen first, which on a screen
     * with tables and text boxes is many presses away from the navigation.
     */
    private void switchFocus(Scene scene) {
        Node owner = scene.getFocusOwner();
        if (owner == navigation) {
            firstFocusable(content).ifPresentOrElse(Node::requestFocus, content::requestFocus);
        } else {
            navigation.requestFocus();
        }
    }

    private static java.util.Optional<Node> firstFocusable(Node node) {
        if (!node.isVisible() || node.isDisabled()) {
            return java.util.Optional.empty();
        }
        if (node.isFocusTraversable()) {
            return java.util.Optional.of(node);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                java.util.Optional<Node> found = firstFocusable(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void applyTheme(Scene scene, Theme theme) {
        scene.getStylesheets().setAll(
                Objects.requireNonNull(ShellView.class.getResource(Theme.BASE)).toExternalForm(),
                Objects.requireNonNull(ShellView.class.getResource(theme.stylesheet())).toExternalForm());
    }
}
