package io.driftwatch.engine.merging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.merge.Conflict;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.RowState;
import io.driftwatch.engine.merge.Versioned;
import java.util.Base64;
import java.util.Set;

/**
 * What the merge writes: a merged row version for the {@code <table>__merged} table, and a
 * conflict's record (open or cleared) for the {@code conflicts} table and the conflicts topic.
 */
public final class MergedRecords {
    public static final String OPEN = "open";
    public static final String CLEARED = "cleared";

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper KEYS = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(NODES);

    private MergedRecords() {}

    /**
     * The row as the merged view shows it, at merge sequence number {@code seq}; only {@code columns}
     * are written. The key columns come from the row's key, not from its merged columns: the
     * first change the merge sees of a row may be another region's update, which carries only the
     * columns it changed, and a version written without its key would land under the key columns'
     * defaults — a row no source has.
     */
    public static ObjectNode row(RowState state, long seq, Set<String> columns) {
        ObjectNode row = NODES.objectNode();
        state.view().forEach((column, value) -> {
            if (columns.contains(column)) {
                row.set(column, JsonValues.toJson(value));
            }
        });
        keyColumns(state).forEachRemaining(field -> {
            if (columns.contains(field.getKey())) {
                row.set(field.getKey(), field.getValue());
            }
        });
        row.put("_seq", seq);
        row.put("_deleted", Boolean.TRUE.equals(state.value(ChangeBuilder.DELETED)) ? 1 : 0);
        row.put("_vector", state.vector().toString());
        row.put("_hlc", state.timestamp().toString());
        return row;
    }

    /** The fields of a row's key, which is its Avro key record as JSON. */
    private static java.util.Iterator<java.util.Map.Entry<String, JsonNode>> keyColumns(RowState state) {
        try {
            JsonNode key = KEYS.readTree(state.key());
            if (key == null || !key.isObject()) {
                throw new IllegalArgumentException("the key of merged row " + state.table() + " " + state.key() + " is not a JSON object");
            }
            return key.fields();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the key of merged row " + state.table() + " " + state.key() + " is not JSON", e);
        }
    }

    /** A conflict as a row of {@code conflicts} (and a record of the conflicts topic). */
    public static ObjectNode conflict(Conflict conflict, String status, long seq, long detectedMs) {
        ObjectNode json = NODES.objectNode();
        json.put("id", conflict.id());
        json.put("status", status);
        json.put("kind", conflict.kind().name());
        json.put("table", conflict.table());
        json.put("key", conflict.key());
        json.put("column", conflict.column());
        ArrayNode sides = json.putArray("sides");
        for (Versioned<Object> side : conflict.sides()) {
            ObjectNode s = sides.addObject();
            s.put("region", side.region());
            s.set("value", JsonValues.toJson(side.value()));
            ObjectNode vector = s.putObject("vector");
            side.vector().entries().forEach(vector::put);
            s.put("clock", clock(side.timestamp()));
        }
        json.put("sides_json", sides.toString());
        json.remove("sides");
        json.put("merged", JsonValues.toJson(conflict.mergedValue()).toString());
        json.put("reason", conflict.reason());
        json.put("seq", seq);
        json.put("detected_ms", detectedMs);
        json.put("payload", Base64.getEncoder().encodeToString(StateBytes.write(conflict)));
        return json;
    }

    private static String clock(HybridTimestamp t) {
        return t.physicalMillis() + "." + t.logical() + "@" + t.region();
    }
}
