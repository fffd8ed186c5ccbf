package io.driftwatch.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Flink's jobs as its REST API reports them — the local MiniCluster's and a standalone cluster's
 * alike: state, checkpoints (count, the last one's duration and size) and each operator's
 * backpressure. Blocking calls: run them off the FX thread.
 */
public final class FlinkJobs {
    /** A job and what the console shows of it. */
    public record Job(String id, String name, String state, Instant started, Checkpoints checkpoints, List<Vertex> vertices) {}

    /** Checkpoint counts and the last completed one (duration -1 and size -1 before the first). */
    public record Checkpoints(long completed, long failed, long inProgress, long lastId, long lastDurationMs, long lastStateSizeBytes,
                              Instant lastCompletedAt) {}

    /** An operator chain: name, parallelism, backpressure level ({@code ok}, {@code low}, {@code high}; empty while sampling). */
    public record Vertex(String id, String name, int parallelism, String status, String backpressure) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl Flink's REST endpoint, e.g. {@code http://127.0.0.1:8081} */
    public FlinkJobs(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Every job the endpoint knows, newest first. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            String id = j.path("jid").asText();
            jobs.add(new Job(id, j.path("name").asText(), j.path("state").asText(), Instant.ofEpochMilli(j.path("start-time").asLong()),
                    checkpoints(id), vertices(id)));
        }
        jobs.sort((a, b) -> b.started().compareTo(a.started()));
        return jobs;
    }

    /**
     * The job's failures, newest first: each task failure's time and the first line of its root
     * cause, as Flink's exception history keeps them. How an operator sees why the job restarted.
     */
    public List<Failure> failures(String jobId) {
        List<Failure> failures = new ArrayList<>();
        for (JsonNode e : get("/jobs/" + jobId + "/exceptions?maxExceptions=20").path("exceptionHistory").path("entries")) {
            String text = e.path("stacktrace").asText(e.path("exceptionName").asText());
            failures.add(new Failure(Instant.ofEpochMilli(e.path("timestamp").asLong()), rootCause(text)));
        }
        return failures;
    }

    /** One failure of a job: when, and the root cause's message. */
    public record Failure(Instant at, String rootCause) {}

    /** The innermost "Caused by:" line of a Java stack trace, or its first line. */
    static String rootCause(String stackTrace) {
        String cause = stackTrace.lines().findFirst().orElse("");
        for (String line : stackTrace.split("\n")) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }

    private Checkpoints checkpoints(String jobId) {
        JsonNode c = get("/jobs/" + jobId + "/checkpoints");
        JsonNode counts = c.path("counts");
        JsonNode last = c.path("latest").path("completed");
        boolean any = last.isObject() && last.has("id");
        return new Checkpoints(counts.path("completed").asLong(), counts.path("failed").asLong(), counts.path("in_progress").asLong(),
                any ? last.path("id").asLong() : -1, any ? last.path("end_to_end_duration").asLong() : -1,
                any ? last.path("state_size").asLong() : -1,
                any ? Instant.ofEpochMilli(last.path("latest_ack_timestamp").asLong()) : null);
    }

    private List<Vertex> vertices(String jobId) {
        List<Vertex> vertices = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            String id = v.path("id").asText();
            String level = "";
            try {
                level = get("/jobs/" + jobId + "/vertices/" + id + "/backpressure").path("backpressureLevel").asText("");
            } catch (UncheckedIOException | IllegalStateException notSampled) {
                // Flink samples backpressure on request; a finished vertex has none.
            }
            vertices.add(new Vertex(id, v.path("name").asText(), v.path("parallelism").asInt(), v.path("status").asText(), level));
        }
        return vertices;
    }

    private JsonNode get(String path) {
        Request request = new Request.Builder().url(baseUrl + path).get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException("Flink REST " + path + " answered " + response.code() + ": " + body);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST at " + baseUrl + " is unreachable: " + e.getMessage(), e);
        }
    }
}
