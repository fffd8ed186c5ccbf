package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilesTest {
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}";

    @TempDir Path dir;

    @Test
    void theVersionIsTheLastNumberInTheName() {
        assertThat(SchemaFiles.versionOf("v1.avsc")).isEqualTo(OptionalInt.of(1));
        assertThat(SchemaFiles.versionOf("12.avsc")).isEqualTo(OptionalInt.of(12));
        assertThat(SchemaFiles.versionOf("orders-v10.avsc")).isEqualTo(OptionalInt.of(10));
        assertThat(SchemaFiles.versionOf("orders2-v3.json")).isEqualTo(OptionalInt.of(3));
        assertThat(SchemaFiles.versionOf("latest.avsc")).isEmpty();
    }

    @Test
    void previousVersionsAreSortedNumericallyAndOtherFilesIgnored() throws IOException {
        for (String name : new String[] {"v10.avsc", "v2.avsc", "v9.json", "README.md", ".v99.avsc"}) {
            Files.writeString(dir.resolve(name), SCHEMA);
        }
        assertThat(SchemaFiles.previousVersions(dir, null)).extracting(PreviousSchema::version).containsExactly(2, 9, 10);
        assertThat(SchemaFiles.previousVersions(dir, dir.resolve("v10.avsc"))).extracting(PreviousSchema::version).containsExactly(2, 9);
    }

    @Test
    void twoFilesClaimingOneVersionAreRefused() throws IOException {
        Files.writeString(dir.resolve("v3.avsc"), SCHEMA);
        Files.writeString(dir.resolve("orders-3.avsc"), SCHEMA);
        assertThatThrownBy(() -> SchemaFiles.previousVersions(dir, null)).hasMessageContaining("claim version 3");
    }

    @Test
    void missingDirectoryAndFileAreNamed() {
        assertThatThrownBy(() -> SchemaFiles.previousVersions(dir.resolve("nope"), null)).hasMessageContaining("nope").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SchemaFiles.parse(dir.resolve("x.avsc"))).hasMessageContaining("x.avsc does not exist");
    }
}
