package io.driftwatch.engine.merging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.merge.Change;
import io.driftwatch.engine.merge.ColumnEdit;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.VersionVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An operator's resolution as it travels on the resolutions topic: JSON, version 1, described by
 * the JSON Schema {@code schemas/resolution-v1.schema.json} (in the engine jar; docs/CAUSALITY.md).
 *
 * <pre>{@code
 * {"format": "driftwatch.resolution", "version": 1, "conflict": "…", "operator": "alice",
 *  "change": {"table": "public.products", "key": "{\"sku\": \"A-1\"}", "region": "resolution/…",
 *             "vector": {"us-east-1": 4, "eu-west-1": 3, "resolution/…": 1},
 *             "timestamp": {"physicalMillis": 1733400000000, "logical": 0, "region": "resolution/…"},
 *             "edits": {"price": {"assign": 6.50}, "stock": {"counterDelta": -2},
 *                       "tags": {"setAdded": ["red"], "setRemoved": []}},
 *             "acknowledges": ["stock"]}}
 * }</pre>
 *
 * <p>Why JSON read as a tree: the job reads this topic, which anyone allowed to write to it can
 * fill. A tree of JSON values names no class, so nothing read from it can make the job build an
 * object it did not mean to; whatever does not fit is refused with the reason, and the job goes on
 * (the merge sends it to the dead letters). Any language can write it.
 */
public final class ResolutionFormat {
    public static final String FORMAT = "driftwatch.resolution";
    public static final int VERSION = 1;
    /** Larger than any honest resolution (one row's edits); a bigger record is refused unread. */
    public static final int MAX_BYTES = 1 << 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A resolution read back: the change the merge applies, who decided it, and which conflict it ends. */
    public record Message(String conflict, String operator, Change change) {}

    private ResolutionFormat() {}

    public static byte[] encode(Message message) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT).put("version", VERSION).put("conflict", message.conflict()).put("operator", message.operator());
        Change c = message.change();
        ObjectNode change = root.putObject("change");
        change.put("table", c.table()).put("key", c.key()).put("region", c.region());
        ObjectNode vector = change.putObject("vector");
        c.vector().entries().forEach(vector::put);
        change.putObject("timestamp").put("physicalMillis", c.timestamp().physicalMillis()).put("logical", c.timestamp().logical())
                .put("region", c.timestamp().region());
        ObjectNode edits = change.putObject("edits");
        new TreeMap<>(c.edits()).forEach((column, edit) -> edits.set(column, edit(edit)));
        ArrayNode acknowledges = change.putArray("acknowledges");
        c.acknowledges().stream().sorted().forEach(acknowledges::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a resolution", e);
        }
    }

    /**
     * Reads a resolution.
     *
     * @throws IllegalArgumentException naming what is wrong, for anything that is not a version-1 resolution
     */
    public static Message decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("an empty record is not a resolution");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a resolution of " + bytes.length + " bytes is over the limit of " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a resolution: not JSON (" + firstLine(e.getMessage()) + ")"
                    + (bytes.length > 1 && (bytes[0] & 0xff) == 0xac && (bytes[1] & 0xff) == 0xed
                    ? "; it is a Java-serialized object, which Driftwatch never reads from Kafka" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a resolution: not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("not a resolution: \"format\" must be \"" + FORMAT + "\"");
        }
        if (!root.path("version").isInt() || root.get("version").intValue() != VERSION) {
            throw new IllegalArgumentException("resolution version " + root.path("version") + " is not supported (this engine reads version "
                    + VERSION + ")");
        }
        JsonNode c = object(root, "change");
        VersionVector vector = VersionVector.of(counters(object(c, "vector")));
        JsonNode t = object(c, "timestamp");
        HybridTimestamp timestamp = new HybridTimestamp(integer(t, "physicalMillis"), (int) integer(t, "logical"), text(t, "region"));
        Map<String, ColumnEdit> edits = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(c, "edits").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            edits.put(e.getKey(), edit(e.getKey(), e.getValue()));
        }
        Set<String> acknowledges = new HashSet<>();
        JsonNode acks = c.path("acknowledges");
        if (!acks.isMissingNode()) {
            if (!acks.isArray()) {
                throw new IllegalArgumentException("resolution field \"acknowledges\" must be an array of column names");
            }
            acks.forEach(a -> acknowledges.add(a.asText()));
        }
        String conflict = text(root, "conflict");
        String replica = io.driftwatch.engine.merge.ConflictResolution.REPLICA_PREFIX + conflict;
        if (!replica.equals(text(c, "region"))) {
            throw new IllegalArgumentException("a resolution of conflict " + conflict + " must come from its own replica " + replica
                    + ", not " + text(c, "region"));
        }
        try {
            return new Message(conflict, text(root, "operator"),
                    new Change(text(c, "table"), text(c, "key"), replica, vector, timestamp, edits, acknowledges));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a valid resolution: " + e.getMessage(), e);
        }
    }

    private static JsonNode edit(ColumnEdit edit) {
        ObjectNode node = NODES.objectNode();
        if (edit instanceof ColumnEdit.Assign a) {
            node.set("assign", JsonValues.toJson(a.value()));
        } else if (edit instanceof ColumnEdit.CounterDelta d) {
            node.put("counterDelta", d.delta());
        } else if (edit instanceof ColumnEdit.SetEdit s) {
            node.set("setAdded", JsonValues.toJson(s.added()));
            node.set("setRemoved", JsonValues.toJson(s.removed()));
        }
        return node;
    }

    private static ColumnEdit edit(String column, JsonNode node) {
        if (!node.isObject() || node.size() == 0) {
            throw new IllegalArgumentException("edit of column " + column + " must be an object with assign, counterDelta or setAdded/setRemoved");
        }
        if (node.has("assign")) {
            return new ColumnEdit.Assign(JsonValues.toJava(node.get("assign")));
        }
        if (node.has("counterDelta")) {
            if (!node.get("counterDelta").canConvertToExactIntegral() || !node.get("counterDelta").canConvertToLong()) {
                throw new IllegalArgumentException("counterDelta of column " + column + " must be a whole number");
            }
            return new ColumnEdit.CounterDelta(node.get("counterDelta").longValue());
        }
        if (node.has("setAdded") || node.has("setRemoved")) {
            return new ColumnEdit.SetEdit(elements(column, node.path("setAdded")), elements(column, node.path("setRemoved")));
        }
        throw new IllegalArgumentException("edit of column " + column + " has none of assign, counterDelta, setAdded, setRemoved");
    }

    private static Set<Object> elements(String column, JsonNode array) {
        if (array.isMissingNode()) {
            return Set.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("set edit of column " + column + " must list its elements in an array");
        }
        Set<Object> elements = new HashSet<>();
        array.forEach(e -> elements.add(JsonValues.toJava(e)));
        elements.remove(null);
        return elements;
    }

    private static Map<String, Long> counters(JsonNode vector) {
        Map<String, Long> counters = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToExactIntegral() || !e.getValue().canConvertToLong()) {
                throw new IllegalArgumentException("vector entry " + e.getKey() + " must be a whole number");
            }
            counters.put(e.getKey(), e.getValue().longValue());
        }
        return counters;
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("resolution field \"" + field + "\" must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("resolution field \"" + field + "\" must be text");
        }
        return node.textValue();
    }

    private static long integer(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("resolution field \"" + field + "\" must be a whole number");
        }
        return node.longValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The description of version 1 (a JSON Schema), as shipped in the engine jar. */
    public static String schema() {
        try (var in = ResolutionFormat.class.getResourceAsStream("/schemas/resolution-v1.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("resolution-v1.schema.json is missing from the engine");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
