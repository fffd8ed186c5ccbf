package io.driftwatch.engine.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * ClickHouse over its HTTP interface: statements, JSONEachRow inserts and JSONEachRow queries.
 * Plain HTTP because it works the same against 18.16 and current servers.
 */
public final class ClickHouseHttp {
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String authorization;
    private final OkHttpClient http;

    public ClickHouseHttp(String url, String user, String password) {
        this.url = url.endsWith("/") ? url : url + "/";
        this.authorization = Credentials.basic(user, password);
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(120)).build();
    }

    public void execute(String sql) {
        call(url, sql);
    }

    /** Inserts JSON objects, one per line, into {@code table} (database-qualified). */
    public void insert(String table, List<String> jsonLines) {
        if (jsonLines.isEmpty()) {
            return;
        }
        String query = "INSERT INTO " + table + " FORMAT JSONEachRow";
        call(url + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), String.join("\n", jsonLines));
    }

    public List<JsonNode> query(String sql) {
        String body = call(url, sql + " FORMAT JSONEachRow");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("ClickHouse answered a line that is not JSON: " + line, e);
                }
            }
        }
        return rows;
    }

    private String call(String target, String body) {
        Request request = new Request.Builder().url(target).header("Authorization", authorization)
                .post(RequestBody.create(body, TEXT)).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ClickHouseException(response.code(), ClickHouseErrors.explain(url, text.strip()));
            }
            return text;
        } catch (IOException e) {
            throw new ClickHouseException(-1, ClickHouseErrors.unreachable(url, e.getMessage()));
        }
    }

    /** ClickHouse refused a statement or could not be reached. */
    public static final class ClickHouseException extends RuntimeException {
        private final int status;

        public ClickHouseException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
