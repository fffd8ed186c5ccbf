package io.driftwatch.engine.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether a file:// checkpoint directory holds a completed checkpoint (one with its {@code _metadata}). */
public final class CompletedCheckpoints {
    private CompletedCheckpoints() {}

    public static boolean any(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(checkpoints, 4)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
