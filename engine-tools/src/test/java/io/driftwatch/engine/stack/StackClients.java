package io.driftwatch.engine.stack;


import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Small clients the stack tests use to talk to each server in its own protocol. */
final class StackClients {
    static final MediaType REGISTRY_JSON = MediaType.get("application/vnd.schemaregistry.v1+json");
    private final OkHttpClient http = new OkHttpClient();

    Connection postgres(StackEndpoints.Postgres pg) throws SQLException {
        return io.driftwatch.engine.postgres.PostgresConnections.open(pg, pg.database(), "driftwatch-test");
    }

    /** POSTs to the registry and returns the response body; fails on a non-2xx answer. */
    String registryPost(StackEndpoints.Registry registry, String path, String json) throws IOException {
        Request request = new Request.Builder().url(registry.url() + path)
                .post(RequestBody.create(json, REGISTRY_JSON)).build();
        return call(request);
    }

    String registryPut(StackEndpoints.Registry registry, String path, String json) throws IOException {
        return call(new Request.Builder().url(registry.url() + path).put(RequestBody.create(json, REGISTRY_JSON)).build());
    }

    String registryGet(StackEndpoints.Registry registry, String path) throws IOException {
        return call(new Request.Builder().url(registry.url() + path).get().build());
    }

    String clickhouse(StackEndpoints.ClickHouse ch, String sql) throws IOException {
        Request request = new Request.Builder().url(ch.url())
                .header("Authorization", Credentials.basic(ch.user(), ch.password()))
                .post(RequestBody.create(sql, MediaType.get("text/plain"))).build();
        return call(request);
    }

    private String call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(request.method() + " " + request.url() + " -> " + response.code() + ": " + body);
            }
            return body;
        }
    }

    /** A registry request body for an Avro schema given as JSON text. */
    static String schemaRequest(String avroSchemaJson) {
        return "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(avroSchemaJson) + "}";
    }
}
