package io.driftwatch.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresConnectionsTest {

    @Test
    void aHostNameOrIpv4AddressGoesIntoTheUrlAsItIs() {
        assertThat(PostgresConnections.url("db.internal", 5432, "shop")).isEqualTo("jdbc:postgresql://db.internal:5432/shop");
        assertThat(PostgresConnections.url("127.0.0.1", 15432, "postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/postgres");
    }

    @Test
    void anIpv6AddressIsBracketedSoItsColonsAreNotTakenForThePort() {
        assertThat(PostgresConnections.url("::1", 5432, "shop")).isEqualTo("jdbc:postgresql://[::1]:5432/shop");
    }
}
