package io.driftwatch.app.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The labels every screen uses: bound, wrapping texts that keep their full height. */
public final class Labels {
    private Labels() {}

    /** A wrapping label showing {@code text}, with an id for tests and an optional style class. */
    public static Label wrapping(String id, String styleClass, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        if (styleClass != null) {
            label.getStyleClass().add(styleClass);
        }
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        return label;
    }

    /** The outcome of an action: green when it worked, red when it was refused or failed. */
    public static Label outcome(String id, ObservableValue<String> text, ObservableBooleanValue failed) {
        Label label = wrapping(id, null, text);
        failed.addListener((obs, old, now) -> {
            label.getStyleClass().removeAll("verdict-bad", "verdict-ok");
            label.getStyleClass().add(now ? "verdict-bad" : "verdict-ok");
        });
        return label;
    }
}
