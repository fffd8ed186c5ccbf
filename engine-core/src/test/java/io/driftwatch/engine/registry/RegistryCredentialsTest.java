package io.driftwatch.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

    @Test
    void credentialsEmbeddedInAUrlComeBackOutAsBasicAuthAndLeaveTheUrl() {
        String url = RegistryCredentials.embed("https://registry.example:8081/apis/ccompat/v7", "svc-driftwatch", "p@ss:w/rd %+");
        RegistryCredentials credentials = RegistryCredentials.of(url);

        assertThat(credentials.url()).isEqualTo("https://registry.example:8081/apis/ccompat/v7");
        String decoded = new String(Base64.getDecoder().decode(credentials.authorization().substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("svc-driftwatch:p@ss:w/rd %+");
        assertThat(credentials.toString()).doesNotContain("p@ss");
    }

    @Test
    void aUrlWithoutCredentialsStaysAsItIs() {
        RegistryCredentials credentials = RegistryCredentials.of("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThat(credentials.url()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThat(credentials.authorization()).isNull();
    }

    @Test
    void redactingAUrlDropsItsPasswordAndABrokenUrlIsNamedWithoutIt() {
        assertThat(RegistryCredentials.redact(RegistryCredentials.embed("http://h:1/x", "u", "secret"))).isEqualTo("http://h:1/x");
        assertThatThrownBy(() -> RegistryCredentials.of("http://u:secret@h:1/x y")).hasMessageNotContaining("secret");
    }

    @Test
    void theClientSendsBasicAuthOnEveryRequestAndNamesTheKeysWhenRefused() throws Exception {
        // A loopback HTTP server that answers like a registry requiring authentication.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(exchange.getRequestURI().getPath() + " " + auth);
            boolean ok = ("Basic " + Base64.getEncoder().encodeToString("alice:right".getBytes(StandardCharsets.UTF_8))).equals(auth);
            byte[] body = (ok ? "[\"orders-value\"]" : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
            assertThat(new SchemaRegistryClient(RegistryCredentials.embed(base, "alice", "right")).subjects()).containsExactly("orders-value");

            SchemaRegistryClient wrong = new SchemaRegistryClient(RegistryCredentials.embed(base, "alice", "wrong"));
            assertThatThrownBy(wrong::subjects).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("not authenticated").hasMessageContaining("registry.passwordEnv")
                    .hasMessageContaining(base).hasMessageNotContaining("wrong");
            assertThat(seen).hasSize(2).allMatch(line -> line.startsWith("/apis/ccompat/v7/subjects Basic "));
        } finally {
            server.stop(0);
        }
    }
}
