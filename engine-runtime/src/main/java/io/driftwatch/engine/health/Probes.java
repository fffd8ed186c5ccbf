package io.driftwatch.engine.health;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real protocol probes for each kind of server: a SQL query, a Kafka cluster description, a
 * registry API call, a ClickHouse query and a signed S3 call. They take only endpoints, so the
 * CLI can probe a stack another process started.
 */
public final class Probes {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).callTimeout(TIMEOUT).retryOnConnectionFailure(false).build();

    public boolean postgres(StackEndpoints.Postgres pg) {
        try (Connection c = PostgresConnections.probe(pg, "driftwatch-health", TIMEOUT); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }


    public boolean kafka(StackEndpoints.Kafka kafka) {
        Map<String, Object> config = new java.util.HashMap<>(kafka.clientProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /**
     * True when MirrorMaker 2 replicates in every direction: each region's cluster holds the
     * other regions' heartbeats topic ({@code <region>.heartbeats}), which MirrorMaker creates
     * once a flow has copied its first heartbeat.
     */
    public boolean mirror(Map<String, StackEndpoints.Kafka> kafkaByRegion) {
        for (Map.Entry<String, StackEndpoints.Kafka> target : kafkaByRegion.entrySet()) {
            Map<String, Object> config = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.getValue().bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
            try (Admin admin = Admin.create(config)) {
                java.util.Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                for (String source : kafkaByRegion.keySet()) {
                    if (!source.equals(target.getKey()) && !topics.contains(source + ".heartbeats")) {
                        return false;
                    }
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
        }
        return true;
    }

    public boolean registry(StackEndpoints.Registry registry) {
        return httpOk(new Request.Builder().url(registry.url() + "/subjects").get().build());
    }

    public boolean clickhouse(StackEndpoints.ClickHouse ch) {
        Request request = new Request.Builder().url(ch.url())
                .header("Authorization", Credentials.basic(ch.user(), ch.password()))
                .post(RequestBody.create("SELECT 1", MediaType.get("text/plain"))).build();
        try (Response response = http.newCall(request).execute()) {
            return response.isSuccessful() && response.body() != null && response.body().string().trim().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    public boolean s3(StackEndpoints.ObjectStore s3) {
        try (S3Client client = s3Client(s3)) {
            return client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(s3.bucket()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The JobManager's REST API reports the cluster's overview. */
    public boolean flinkJobManager(StackEndpoints.Flink flink) {
        return httpOk(new Request.Builder().url(flink.restUrl() + "/overview").get().build());
    }

    /**
     * The JobManager lists the TaskManager {@code resourceId} as registered; a server name also
     * matches any start of that server ({@code <name>-<start time>}).
     */
    public boolean flinkTaskManager(StackEndpoints.Flink flink, String resourceId) {
        Request request = new Request.Builder().url(flink.restUrl() + "/taskmanagers").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful() || response.body() == null) {
                return false;
            }
            for (com.fasterxml.jackson.databind.JsonNode tm : JSON.readTree(response.body().string()).path("taskmanagers")) {
                String id = tm.path("id").asText();
                if (id.equals(resourceId) || id.startsWith(resourceId + "-")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A path-style S3 client for an S3-compatible endpoint. */
    public static S3Client s3Client(StackEndpoints.ObjectStore s3) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }

    private boolean httpOk(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return response.isSuccessful();
        } catch (IOException e) {
            return false;
        }
    }
}
