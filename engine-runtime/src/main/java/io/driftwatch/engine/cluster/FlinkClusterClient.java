package io.driftwatch.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.api.FlinkJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Flink's REST API, the engine's one client of it — for the local MiniCluster and a standalone
 * cluster alike. It reads what runs ({@link FlinkJobs}: jobs, checkpoints, backpressure, records,
 * failures, restarts, any operator metric) and changes it: upload a jar, run it at a parallelism
 * (optionally from a savepoint), stop a job with a savepoint and follow the savepoint, cancel.
 *
 * <p>Blocking calls. Reads time out after a few seconds: the console and the failover controller
 * must not hang on a stuck JobManager. Running a jar executes its {@code main} inside the
 * JobManager, which then builds and submits the job graph: changes get a long timeout.
 */
public final class FlinkClusterClient implements FlinkJobs {
    /** A job as {@code /jobs/overview} lists it. */
    public record JobSummary(String id, String name, String state) {}

    /** What {@code /jars/:id/run} accepts; {@code savepointPath} null: start without state. */
    public record RunRequest(String entryClass, List<String> programArgs, int parallelism, String savepointPath,
                             boolean allowNonRestoredState) {
        public RunRequest {
            programArgs = List.copyOf(programArgs);
        }
    }

    /** The state of an asynchronous savepoint: {@code location} once completed, {@code failure} if it failed. */
    public record SavepointStatus(boolean completed, String location, String failure) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final MediaType JAR_TYPE = MediaType.get("application/java-archive");

    private final String baseUrl;
    private final OkHttpClient reads = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
    /** The same connections, with time for a jar's upload and its {@code main}. */
    private final OkHttpClient changes = reads.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofMinutes(2)).writeTimeout(Duration.ofMinutes(2)).build();

    /** @param baseUrl the cluster's REST endpoint, e.g. {@code http://127.0.0.1:8081} */
    public FlinkClusterClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** Uploads a job jar; returns the id later runs name it by. */
    public String uploadJar(Path jar) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("jarfile", jar.getFileName().toString(), RequestBody.create(jar.toFile(), JAR_TYPE))
                .build();
        JsonNode answer = call(changes, new Request.Builder().url(baseUrl + "/jars/upload").post(body).build());
        String uploaded = answer.path("filename").asText("");
        if (!"success".equals(answer.path("status").asText()) || uploaded.isEmpty()) {
            throw new IllegalStateException("Flink did not accept the jar " + jar + ": " + answer);
        }
        return Path.of(uploaded).getFileName().toString();
    }

    /** Runs an uploaded jar; returns the job's id. */
    public String run(String jarId, RunRequest run) {
        ObjectNode body = JSON.createObjectNode();
        if (run.entryClass() != null) {
            body.put("entryClass", run.entryClass());
        }
        body.putPOJO("programArgsList", run.programArgs());
        body.put("parallelism", run.parallelism());
        if (run.savepointPath() != null) {
            body.put("savepointPath", run.savepointPath());
            body.put("allowNonRestoredState", run.allowNonRestoredState());
        }
        return call(changes, post("/jars/" + jarId + "/run", body)).path("jobid").asText();
    }

    /** Asks a job to take a savepoint and stop; returns the trigger id to follow it with {@link #savepoint}. */
    public String stopWithSavepoint(String jobId, String targetDirectory) {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("drain", false);
        return call(changes, post("/jobs/" + jobId + "/stop", body)).path("request-id").asText();
    }

    public SavepointStatus savepoint(String jobId, String triggerId) {
        JsonNode answer = get("/jobs/" + jobId + "/savepoints/" + triggerId);
        if (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
            return new SavepointStatus(false, null, null);
        }
        JsonNode operation = answer.path("operation");
        JsonNode failure = operation.path("failure-cause");
        if (failure.isObject() && !failure.isEmpty()) {
            return new SavepointStatus(true, null, failure.path("stack-trace").asText(failure.toString()).lines().findFirst().orElse(""));
        }
        return new SavepointStatus(true, operation.path("location").asText(), null);
    }

    /** Waits for a savepoint to complete and returns where it is. */
    public String awaitSavepoint(String jobId, String triggerId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SavepointStatus status = savepoint(jobId, triggerId);
            if (status.completed()) {
                if (status.failure() != null) {
                    throw new IllegalStateException("the savepoint of job " + jobId + " failed: " + status.failure());
                }
                return status.location();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the savepoint of job " + jobId + " did not complete within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    /** Cancels a job without a savepoint (it resumes from its last checkpoint when submitted again). */
    public void cancel(String jobId) {
        call(changes, new Request.Builder().url(baseUrl + "/jobs/" + jobId + "?mode=cancel").patch(RequestBody.create(new byte[0])).build());
    }

    /**
     * The job's state as the dispatcher has it now. Why the overview: {@code /jobs/:id} answers from
     * a cache of the execution graph that can lag the job by minutes while the JobManager is busy
     * recovering it.
     */
    public String state(String jobId) {
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (job.path("jid").asText().equals(jobId)) {
                return job.path("state").asText();
            }
        }
        throw new IllegalStateException("the cluster at " + baseUrl + " has no job " + jobId);
    }

    /** Waits until the job is in {@code state}; fails early if it reaches a terminal state other than that. */
    public void awaitState(String jobId, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String now = state(jobId);
        while (!now.equals(state)) {
            if (List.of("FAILED", "CANCELED", "FINISHED").contains(now)) {
                throw new IllegalStateException("job " + jobId + " is " + now + ", not " + state);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " is still " + now + " after " + timeout.toSeconds() + " s, not " + state);
            }
            Thread.sleep(250);
            now = state(jobId);
        }
    }

    /** Every job the cluster knows, without its details. */
    public List<JobSummary> summaries() {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            jobs.add(new JobSummary(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText()));
        }
        return jobs;
    }

    /** The job named {@code name} that has not ended yet, if any. */
    public Optional<JobSummary> active(String name) {
        return summaries().stream()
                .filter(j -> j.name().equals(name) && !List.of("FAILED", "CANCELED", "FINISHED").contains(j.state()))
                .findFirst();
    }

    /** The savepoint or checkpoint the job was started from, as its checkpoint statistics report it; empty: none. */
    public Optional<String> restoredFrom(String jobId) {
        JsonNode restored = get("/jobs/" + jobId + "/checkpoints")
                .path("latest").path("restored");
        return restored.isObject() && restored.has("external_path") ? Optional.of(restored.path("external_path").asText()) : Optional.empty();
    }

    private Request post(String path, JsonNode body) {
        return new Request.Builder().url(baseUrl + path).post(RequestBody.create(body.toString(), JSON_TYPE)).build();
    }

    @Override
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

    @Override
    public List<Failure> failures(String jobId) {
        List<Failure> failures = new ArrayList<>();
        for (JsonNode e : get("/jobs/" + jobId + "/exceptions?maxExceptions=20").path("exceptionHistory").path("entries")) {
            String text = e.path("stacktrace").asText(e.path("exceptionName").asText());
            failures.add(new Failure(Instant.ofEpochMilli(e.path("timestamp").asLong()), rootCause(text)));
        }
        return failures;
    }

    @Override
    public long restarts(String jobId) {
        for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            if (m.path("id").asText().equals("numRestarts")) {
                return (long) m.path("value").asDouble(-1);
            }
        }
        return -1;
    }

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

    @Override
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

    /**
     * An operator metric of the job ({@code metric} ends its id, e.g. {@code duplicateTransactions}),
     * summed over every vertex and subtask that reports it; -1 when the job or the metric cannot be
     * read (not reported yet, or the REST API unreachable).
     */
    public long metricSum(String jobId, String metric) {
        try {
            long total = 0;
            boolean found = false;
            for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
                String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
                for (JsonNode listed : get(path)) {
                    String id = listed.path("id").asText();
                    if (id.endsWith(metric)) {
                        for (JsonNode value : get(path + "?get=" + id + "&agg=sum")) {
                            total += (long) value.path("sum").asDouble();
                            found = true;
                        }
                    }
                }
            }
            return found ? total : -1;
        } catch (UncheckedIOException | IllegalStateException unreadable) {
            return -1;
        }
    }

    private JsonNode get(String path) {
        return call(reads, new Request.Builder().url(baseUrl + path).get().build());
    }

    private JsonNode call(OkHttpClient http, Request request) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException("Flink REST " + request.method() + " " + request.url().encodedPath() + " answered "
                        + response.code() + ": " + errors(body));
            }
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST at " + baseUrl + " is unreachable: " + e.getMessage(), e);
        }
    }

    /** Flink's {@code errors} array, first lines only: a failed run carries the job's whole stack trace. */
    private static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            List<String> lines = new ArrayList<>();
            errors.forEach(e -> e.asText().lines().filter(l -> !l.startsWith("\tat ")).limit(6).forEach(lines::add));
            return lines.isEmpty() ? body : String.join("\n", lines);
        } catch (IOException notJson) {
            return body;
        }
    }
}
