package io.driftwatch.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocatorTest {

    private static JobSettings job(String checkpointDir) {
        return new JobSettings("shop", Map.of("r", "k:9092"), "http://registry", new ClickHouseSettings("http://ch", "u", "p", "dw_shop",
                List.of("r")), 1, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION, checkpointDir, null, 0, Duration.ofMillis(50), null);
    }

    @Test
    void theNewestCompletedCheckpointOnDiskIsFound(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("0123abcd");
        Files.createDirectories(job.resolve("chk-3"));
        Files.writeString(job.resolve("chk-3/_metadata"), "x");
        Files.setLastModifiedTime(job.resolve("chk-3/_metadata"), FileTime.fromMillis(1_000));
        Files.createDirectories(job.resolve("chk-7"));
        Files.writeString(job.resolve("chk-7/_metadata"), "x");
        Files.setLastModifiedTime(job.resolve("chk-7/_metadata"), FileTime.fromMillis(2_000));
        Files.createDirectories(job.resolve("chk-8")); // in progress: no _metadata yet

        assertThat(CheckpointLocator.latest(job(dir.toUri().toString()))).contains(job.resolve("chk-7").toUri().toString().replaceAll("/$", ""));
    }

    @Test
    void noCheckpointDirectoryYetMeansStartFromTheBeginning(@TempDir Path dir) {
        assertThat(CheckpointLocator.latest(job(dir.resolve("none").toUri().toString()))).isEmpty();
    }

    @Test
    void aDirectoryThatCannotBeSearchedIsExplained() {
        assertThatThrownBy(() -> CheckpointLocator.latest(job("gs://bucket/path")))
                .hasMessageContaining("gs://bucket/path").hasMessageContaining("file://");
    }
}
