package io.driftwatch.engine.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.alerts.AlertEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers alert events to webhooks, each on a background thread so evaluation never waits:
 * Slack-compatible ({@code {"text": …}}, also taken by Mattermost and Teams' Slack connectors) or
 * a generic JSON body with every field. A delivery that fails (no answer, or not 2xx) is retried
 * three more times, after 1, 2 and 4 s; then it is given up and reported through {@code log}.
 */
public final class Webhooks implements AutoCloseable {
    /** A webhook and the body it takes. */
    public record Target(String url, Format format) {
        /** Where it posts, without any secret the URL carries in its path or query. */
        public String shown() {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/…";
        }
    }

    public enum Format { SLACK, JSON }

    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Target> targets;
    private final Consumer<String> log;
    private final List<Duration> retries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-webhooks");
        t.setDaemon(true);
        return t;
    });

    public Webhooks(List<Target> targets, Consumer<String> log) {
        this(targets, log, RETRIES);
    }

    Webhooks(List<Target> targets, Consumer<String> log, List<Duration> retries) {
        this.targets = List.copyOf(targets);
        this.log = log;
        this.retries = List.copyOf(retries);
    }

    public void deliver(AlertEvent event) {
        for (Target target : targets) {
            senders.execute(() -> send(target, event));
        }
    }

    private void send(Target target, AlertEvent event) {
        String body = body(target.format(), event);
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                failure = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt >= retries.size()) {
                log.accept("alert " + event.rule() + " (" + event.status().name().toLowerCase() + ") not delivered to " + target.shown()
                        + " after " + (attempt + 1) + " attempts: " + failure);
                return;
            }
            try {
                Thread.sleep(retries.get(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String body(Format format, AlertEvent e) {
        if (format == Format.SLACK) {
            String icon = e.status() == AlertEvent.Status.FIRING ? ":rotating_light:" : ":white_check_mark:";
            return JSON.createObjectNode().put("text", icon + " [" + e.pipeline() + "] " + e.rule() + " " + e.status().name().toLowerCase()
                    + ": " + e.summary() + " (since " + Instant.ofEpochMilli(e.sinceMs()) + ")").toString();
        }
        ObjectNode n = JSON.createObjectNode().put("status", e.status().name().toLowerCase()).put("pipeline", e.pipeline()).put("rule", e.rule())
                .put("subject", e.subject()).put("value", e.value()).put("summary", e.summary()).put("sinceMs", e.sinceMs()).put("atMs", e.atMs());
        return n.toString();
    }

    @Override
    public void close() {
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
