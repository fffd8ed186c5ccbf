package io.driftwatch.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.alerts.AlertEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery over HTTP to a receiver on loopback: both bodies, and retries after a failed attempt. */
class WebhooksTest {
    private static final AlertEvent FIRING = new AlertEvent(AlertEvent.Status.FIRING, "globalmart", "oversells_open", "views", 2,
            "2 oversell(s) open", 1_000, 2_000);

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = refuseFirst.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aSlackAndAJsonWebhookEachGetTheirBody() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        try (Webhooks webhooks = new Webhooks(List.of(new Webhooks.Target(url(), Webhooks.Format.SLACK),
                new Webhooks.Target(url(), Webhooks.Format.JSON)), failures::add, List.of())) {
            webhooks.deliver(FIRING);
        }

        assertThat(bodies).hasSize(2);
        assertThat(bodies).anySatisfy(b -> assertThat(b).startsWith("{\"text\":\":rotating_light: [globalmart] oversells_open firing: 2 oversell(s) open"));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"status\":\"firing\"", "\"rule\":\"oversells_open\"", "\"subject\":\"views\"",
                "\"value\":2.0", "\"sinceMs\":1000"));
        assertThat(failures).isEmpty();
    }

    @Test
    void aRefusedDeliveryIsRetriedAndOneThatKeepsFailingIsReported() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        refuseFirst.set(2);
        try (Webhooks webhooks = new Webhooks(List.of(new Webhooks.Target(url(), Webhooks.Format.JSON)), failures::add,
                List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)))) {
            webhooks.deliver(FIRING);
        }
        assertThat(bodies).hasSize(1);
        assertThat(failures).isEmpty();

        refuseFirst.set(10);
        try (Webhooks webhooks = new Webhooks(List.of(new Webhooks.Target(url(), Webhooks.Format.JSON)), failures::add,
                List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)))) {
            webhooks.deliver(FIRING);
        }
        assertThat(bodies).hasSize(1);
        assertThat(failures).singleElement().asString().contains("not delivered to http://127.0.0.1:").contains("after 4 attempts: HTTP 503");
    }
}
