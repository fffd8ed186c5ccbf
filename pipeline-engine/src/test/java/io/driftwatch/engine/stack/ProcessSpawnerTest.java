package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessSpawnerTest {

    @Test
    void unprivilegedServersRunInAUserNamespaceWhenTheJvmIsRoot() {
        try (ProcessSpawner spawner = new ProcessSpawner(true, true)) {
            assertThat(spawner.wrap(List.of("postgres", "-D", "x"), ProcessSpawner.Privilege.UNPRIVILEGED))
                    .containsExactly("unshare", "-U", "setpriv", "--pdeathsig", "TERM", "postgres", "-D", "x");
        }
    }

    @Test
    void serversRunDirectlyForAnOrdinaryUser() {
        try (ProcessSpawner spawner = new ProcessSpawner(true, false)) {
            assertThat(spawner.wrap(List.of("postgres"), ProcessSpawner.Privilege.UNPRIVILEGED))
                    .containsExactly("setpriv", "--pdeathsig", "TERM", "postgres");
        }
    }

    @Test
    void sameUserServersNeverGetANamespace() {
        try (ProcessSpawner spawner = new ProcessSpawner(false, true)) {
            assertThat(spawner.wrap(List.of("java", "-jar", "r.jar"), ProcessSpawner.Privilege.SAME_USER))
                    .containsExactly("java", "-jar", "r.jar");
        }
    }
}
