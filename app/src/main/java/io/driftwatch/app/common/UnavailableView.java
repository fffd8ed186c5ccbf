package io.driftwatch.app.common;

import io.driftwatch.app.shell.Screen;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * What a screen shows while the part of the pipeline that feeds it is not running: a plain
 * statement, never invented data.
 */
public final class UnavailableView {
    private UnavailableView() {}

    public static Node of(Screen screen, String missingSource) {
        Label title = new Label(screen.title());
        title.getStyleClass().add("screen-title");
        Label purpose = new Label(screen.purpose());
        purpose.setWrapText(true);
        Label missing = new Label("No data source yet: " + missingSource);
        missing.getStyleClass().add("unavailable");
        missing.setWrapText(true);
        missing.setId("unavailable-" + screen.name().toLowerCase());
        VBox box = new VBox(12, title, purpose, missing);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("screen");
        return box;
    }
}
