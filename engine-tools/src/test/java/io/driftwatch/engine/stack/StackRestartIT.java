package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackEndpoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stack stops without leaving a process behind, and a second start on the same directory keeps
 * its data: a registered schema, a PostgreSQL row, and the same credentials.
 */
class StackRestartIT {
    private static final Path DIR = Path.of("target", "restart-stack").toAbsolutePath();
    private static LocalStack stack;
    private final StackClients clients = new StackClients();

    @BeforeAll
    static void clean() {
        LocalStackExtension.deleteRecursively(DIR);
    }

    @AfterAll
    static void stopIfLeftRunning() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void secondStartKeepsSchemasRowsAndCredentialsAndStopLeavesNothingRunning() throws Exception {
        stack = LocalStack.start(StackConfig.of(DIR, 1));
        StackEndpoints first = stack.endpoints();
        String schema = "{\"type\":\"record\",\"name\":\"Kept\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
        clients.registryPost(first.registry(), "/subjects/kept-value/versions", StackClients.schemaRequest(schema));
        try (Connection c = clients.postgres(first.region("us-east-1").postgres()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO kept VALUES (42, 'survives a restart')");
        }
        assertThatThrownBy(() -> LocalStack.start(StackConfig.of(DIR, 1)))
                .as("a second owner of the same directory is refused")
                .isInstanceOf(StackException.class).hasMessageContaining("already running");

        List<ServerStatus> before = stack.status();
        stack.close();
        stack = null;
        for (ServerStatus server : before) {
            assertThat(Signals.isAlive(server.pid())).as(server.name() + " stopped").isFalse();
            assertThat(PortAllocator.isFree(server.port())).as(server.name() + " port released").isTrue();
        }

        stack = LocalStack.start(StackConfig.of(DIR, 1));
        StackEndpoints second = stack.endpoints();
        assertThat(second.region("us-east-1").postgres().password()).isEqualTo(first.region("us-east-1").postgres().password());
        assertThat(clients.registryGet(second.registry(), "/subjects")).contains("kept-value");
        assertThat(clients.registryGet(second.registry(), "/subjects/kept-value/versions/1")).contains("Kept");
        try (Connection c = clients.postgres(second.region("us-east-1").postgres()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM kept WHERE id = 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives a restart");
        }
        List<ServerStatus> after = stack.status();
        stack.close();
        stack = null;
        assertThat(after).allSatisfy(s -> assertThat(Signals.isAlive(s.pid())).isFalse());
    }
}
