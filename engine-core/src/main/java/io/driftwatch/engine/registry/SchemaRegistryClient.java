package io.driftwatch.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API, usable against any registry that speaks
 * it (Confluent's own, Apicurio's {@code /apis/ccompat/v7}, Redpanda, Karapace).
 *
 * <p>Why our own: Confluent's client jars are not on Maven Central. Registered ids and fetched
 * schemas are cached, since both are immutable once assigned.
 */
public final class SchemaRegistryClient {
    private static final MediaType JSON = MediaType.get("application/vnd.schemaregistry.v1+json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final OkHttpClient http;
    private final Map<String, Integer> registered = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Registration, Integer> byInstance = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(60)).build());
    }

    /**
     * @param baseUrl the registry's API root; user information in it ({@code https://user:password@host/…})
     *     is sent as HTTP Basic on every request and never shown (see {@link RegistryCredentials})
     */
    public SchemaRegistryClient(String baseUrl, OkHttpClient http) {
        RegistryCredentials credentials = RegistryCredentials.of(baseUrl);
        String url = credentials.url();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = credentials.authorization() == null ? http : http.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", credentials.authorization()).build()))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
     * already registered) and returns its global id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility level rejects it
     * @throws RegistryUnavailableException when the registry cannot be reached; retry later
     */
    public int register(String subject, Schema schema) {
        // Capture registers every record's schemas; they are the converter's cached instances, so
        // the instance finds its id without writing its JSON. Writing the schema's text for each
        // record cost a fifth of capture's CPU (docs/BENCHMARKS.md, cost profile). By identity,
        // not Avro's equality: that ignores documentation, which the registry's text keeps.
        Registration instance = new Registration(subject, schema);
        Integer known = byInstance.get(instance);
        if (known != null) {
            return known;
        }
        String canonical = schema.toString();
        String cacheKey = subject + '\u0000' + canonical;
        Integer cached = registered.get(cacheKey);
        if (cached != null) {
            byInstance.put(instance, cached);
            return cached;
        }
        JsonNode response = post(subject, canonical);
        int id = response.path("id").asInt(-1);
        if (id < 0) {
            throw new RegistryException("registry answered without an id for " + subject + ": " + response);
        }
        registered.put(cacheKey, id);
        byInstance.put(instance, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    /** A subject and one schema instance: an instance registered once has its id. */
    private record Registration(String subject, Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Registration r && r.subject.equals(subject) && r.schema == schema;
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }

    /**
     * Two regions' captures register the same subject when they first see a table; the registry
     * answers the loser of that race "already exists" (409) rather than with the winner's id. The
     * same request again finds the schema registered and gets its id, or the real incompatibility.
     */
    private JsonNode post(String subject, String canonical) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call(new Request.Builder().url(url("/subjects/" + encode(subject) + "/versions"))
                        .post(RequestBody.create(schemaBody(canonical), JSON)).build(), subject);
            } catch (IncompatibleSchemaException e) {
                if (attempt >= 5 || e.getMessage() == null || !e.getMessage().contains("already exists")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The schema with a global id, as used in the Confluent wire format. */
    public Schema schemaById(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call(new Request.Builder().url(url("/schemas/ids/" + id)).get().build(), "schema id " + id);
        Schema schema = new Schema.Parser().parse(response.path("schema").asText());
        byId.put(id, schema);
        return schema;
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call(new Request.Builder().url(url("/subjects")).get().build(), "subjects").forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call(new Request.Builder().url(url("/subjects/" + encode(subject) + "/versions")).get().build(), subject)
                .forEach(n -> versions.add(n.asInt()));
        return versions;
    }

    /** Every version of the subject, oldest first; none when the subject does not exist. */
    public List<SchemaVersion> allVersions(String subject) {
        List<Integer> numbers;
        try {
            numbers = new ArrayList<>(versions(subject));
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
        numbers.sort(Integer::compare);
        List<SchemaVersion> out = new ArrayList<>();
        for (int n : numbers) {
            out.add(version(subject, String.valueOf(n)));
        }
        return out;
    }

    /** One registered version of a subject ({@code "latest"} or a number). */
    public SchemaVersion version(String subject, String version) {
        JsonNode n = call(new Request.Builder().url(url("/subjects/" + encode(subject) + "/versions/" + version)).get().build(), subject);
        return new SchemaVersion(n.path("subject").asText(subject), n.path("version").asInt(), n.path("id").asInt(),
                new Schema.Parser().parse(n.path("schema").asText()));
    }

    /** Asks the registry whether {@code schema} may follow the latest version of {@code subject}. */
    public CompatibilityVerdict testCompatibility(String subject, Schema schema) {
        JsonNode n = call(new Request.Builder()
                .url(url("/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true"))
                .post(RequestBody.create(schemaBody(schema.toString()), JSON)).build(), subject);
        List<String> messages = new ArrayList<>();
        n.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityVerdict(n.path("is_compatible").asBoolean(false), messages);
    }

    /** The subject's compatibility level, falling back to the registry's global level. */
    public String compatibility(String subject) {
        try {
            JsonNode n = call(new Request.Builder().url(url("/config/" + encode(subject) + "?defaultToGlobal=true")).get().build(), subject);
            return n.path("compatibilityLevel").asText(n.path("compatibility").asText());
        } catch (RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
            JsonNode global = call(new Request.Builder().url(url("/config")).get().build(), "global config");
            return global.path("compatibilityLevel").asText(global.path("compatibility").asText());
        }
    }

    /** Sets the level of every subject without one of its own. */
    public void setGlobalCompatibility(String level) {
        ObjectNode body = MAPPER.createObjectNode().put("compatibility", level);
        call(new Request.Builder().url(url("/config")).put(RequestBody.create(body.toString(), JSON)).build(), "global config");
    }

    public void setCompatibility(String subject, String level) {
        ObjectNode body = MAPPER.createObjectNode().put("compatibility", level);
        call(new Request.Builder().url(url("/config/" + encode(subject))).put(RequestBody.create(body.toString(), JSON)).build(), subject);
    }

    private JsonNode call(Request request, String what) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (response.isSuccessful()) {
                return body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            }
            String message = messageOf(body);
            if (response.code() == 409) {
                throw new IncompatibleSchemaException(what, message);
            }
            if (response.code() >= 500) {
                throw new RegistryUnavailableException("registry at " + baseUrl + " failed (" + response.code() + ") for "
                        + what + ": " + message, null);
            }
            if (response.code() == 401 || response.code() == 403) {
                throw new RegistryException(response.code(), "registry at " + baseUrl + " refused " + request.method() + " for " + what
                        + " (" + response.code() + (response.code() == 401 ? ", not authenticated" : ", not allowed")
                        + "): check 'registry.username' and the password in 'registry.passwordEnv' or 'registry.passwordFile'");
            }
            throw new RegistryException(response.code(), "registry at " + baseUrl + " refused " + request.method() + " for "
                    + what + " (" + response.code() + "): " + message);
        } catch (IOException e) {
            throw new RegistryUnavailableException("registry at " + baseUrl + " is unreachable (" + e.getMessage() + ")", e);
        }
    }

    private static String messageOf(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            return n.path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String schemaBody(String schema) {
        return MAPPER.createObjectNode().put("schema", schema).toString();
    }

    private String url(String path) {
        return baseUrl + path;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
