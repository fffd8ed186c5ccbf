package io.driftwatch.engine.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The processing job's count of transactions read again and skipped because they were already
 * visible, summed over subtasks, from Flink's REST API: the duplicates a move between regions
 * absorbed.
 */
final class DuplicateCount {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRIC = "duplicateTransactions";
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
    private final String baseUrl;

    DuplicateCount(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The sum over every vertex that reports the metric, waiting up to {@code patience} for it:
     * Flink's REST API serves metrics it fetches every few seconds, so a job just started or
     * just asked may not list it yet. -1 when it cannot be read in that time.
     */
    long of(String jobId, java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long count = of(jobId);
            if (count >= 0 || System.nanoTime() > deadline) {
                return count;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** The sum over every vertex that reports the metric; -1 when the job or its metric cannot be read. */
    long of(String jobId) {
        try {
            long total = 0;
            boolean found = false;
            for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
                String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
                for (JsonNode metric : get(path)) {
                    String id = metric.path("id").asText();
                    if (id.endsWith(METRIC)) {
                        for (JsonNode value : get(path + "?get=" + id + "&agg=sum")) {
                            total += (long) value.path("sum").asDouble();
                            found = true;
                        }
                    }
                }
            }
            return found ? total : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode get(String path) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(baseUrl + path).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + " for " + path);
            }
            return JSON.readTree(response.body().string());
        }
    }
}
