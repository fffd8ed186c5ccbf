package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretsTest {

    @Test
    void generatesOnceThenKeepsTheSameSecretsInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets.properties");
        StackSecrets first = StackSecrets.loadOrGenerate(file);
        StackSecrets second = StackSecrets.loadOrGenerate(file);
        assertThat(second).isEqualTo(first);
        assertThat(first.postgresPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.clickhousePassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void differentStacksGetDifferentSecrets(@TempDir Path dir) throws Exception {
        assertThat(StackSecrets.loadOrGenerate(dir.resolve("a")))
                .isNotEqualTo(StackSecrets.loadOrGenerate(dir.resolve("b")));
    }
}
