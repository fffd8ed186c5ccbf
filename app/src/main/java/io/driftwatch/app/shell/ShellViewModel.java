package io.driftwatch.app.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The console's frame: which screen is shown, which theme, and the status line. */
public final class ShellViewModel {
    private final ObjectProperty<Screen> selected = new SimpleObjectProperty<>(Screen.PIPELINE);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final StringProperty status = new SimpleStringProperty("");

    public ObjectProperty<Screen> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public void select(Screen screen) {
        selected.set(screen);
    }

    /** Selects the screen with the given 1-based shortcut digit; other digits are ignored. */
    public void selectByDigit(int digit) {
        Screen[] screens = Screen.values();
        if (digit >= 1 && digit <= screens.length) {
            select(screens[digit - 1]);
        }
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }
}
