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

    /**
     * An operator chain: name, parallelism, backpressure level ({@code ok}, {@code low}, {@code high}; empty while sampling),
     * and the records its subtasks took in and sent on so far, summed ({@code -1} while Flink has not reported them).
     * A source chain's records in are the records it read from Kafka.
     */
    public record Vertex(String id, String name, int parallelism, String status, String backpressure, long recordsIn, long recordsOut) {}

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

    /** How often Flink restarted the job since it was submitted (its {@code numRestarts} metric; -1 while not reported). */
    public long restarts(String jobId) {
        for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            if (m.path("id").asText().equals("numRestarts")) {
                return (long) m.path("value").asDouble(-1);
            }
        }
        return -1;
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

    /** The job's checkpoint counts and its newest completed checkpoint. */
    public Checkpoints checkpoints(String jobId) {
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
            long[] records = records(jobId, id);
            vertices.add(new Vertex(id, v.path("name").asText(), v.path("parallelism").asInt(), v.path("status").asText(), level,
                    records[0], records[1]));
        }
        return vertices;
    }

    /**
     * The vertex's numRecordsIn and numRecordsOut counters summed over its subtasks. Why counters and
     * not Flink's per-second meters: the meters average over a minute, so a burst would show late;
     * the console takes its own rates between two readings, the same way for every stage.
     */
    private long[] records(String jobId, String vertexId) {
        long[] records = {-1, -1};
        try {
            for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?get=numRecordsIn,numRecordsOut&agg=sum")) {
                int i = m.path("id").asText().equals("numRecordsIn") ? 0 : m.path("id").asText().equals("numRecordsOut") ? 1 : -1;
                if (i >= 0 && m.has("sum")) {
                    records[i] = (long) m.path("sum").asDouble();
                }
            }
        } catch (UncheckedIOException | IllegalStateException notReported) {
            // A vertex that is not running yet has no metrics.
        }
        return records;
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
