package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackWipeTest {
    @TempDir
    Path tmp;

    @Test
    void aStoppedStackDirectoryIsRemovedAfterSayingWhatGoes() throws Exception {
        Path dir = tmp.resolve("stack");
        Files.createDirectories(dir.resolve("postgres-us-east-1/data"));
        Files.write(dir.resolve("postgres-us-east-1/data/base"), new byte[3 * 1024 * 1024]);
        Files.writeString(dir.resolve(StackManifest.FILE), "{}");
        Files.writeString(dir.resolve("secrets.properties"), "postgres.password=x");
        List<String> said = new ArrayList<>();

        StackWipe.wipe(dir, said::add);

        assertThat(dir).doesNotExist();
        assertThat(said).singleElement().asString().contains(dir.toString()).contains("postgres-us-east-1 3 MiB")
                .contains("secrets.properties");
    }

    @Test
    void aDirectoryThatHoldsNoStackIsLeftAlone() throws Exception {
        Path dir = tmp.resolve("documents");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("thesis.txt"), "years of work");

        assertThatThrownBy(() -> StackWipe.wipe(dir, line -> { })).isInstanceOf(StackException.class)
                .hasMessageContaining("does not look like a Driftwatch stack directory");
        assertThat(dir.resolve("thesis.txt")).exists();
    }

    @Test
    void aStackInUseIsNotRemoved() throws Exception {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(StackManifest.FILE), "{}");
        try (FileChannel c = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = c.lock()) {
            assertThatThrownBy(() -> StackWipe.wipe(dir, line -> { })).isInstanceOf(StackException.class)
                    .hasMessageContaining("in use by another Driftwatch process");
            assertThat(dir.resolve(StackManifest.FILE)).exists();
        }
    }
}
