package io.driftwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A PNG of the console's window, for documentation; the image is taken on the FX thread, written off it. */
final class WindowSnapshot {
    private final Scene scene;

    WindowSnapshot(Scene scene) {
        this.scene = scene;
    }

    /** Call on the FX thread. */
    void writeInBackground(Path file) {
        WritableImage image = scene.snapshot(null);
        Thread writer = new Thread(() -> {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
                System.err.println("screenshot written to " + file);
            } catch (IOException e) {
                System.err.println("cannot write the screenshot " + file + ": " + e.getMessage());
            }
        }, "driftwatch-screenshot");
        writer.start();
    }
}
