package io.driftwatch.engine.merging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.engine.merge.Change;
import io.driftwatch.engine.merge.ColumnEdit;
import io.driftwatch.engine.merge.ColumnPolicy;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.MergePolicies;
import io.driftwatch.engine.merge.VersionVectorCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one captured row change (Debezium's operation, the row images, the capture's vector and
 * clock) into the {@link Change} the merge applies.
 *
 * <p>Only what the change did counts: an update edits the columns whose value differs between
 * the before and after images, so a region that touched only the stock does not also "write"
 * the price it never changed (which would make every concurrent price change a conflict).
 * Counters and sets need the before image to know the delta and the removed elements: a merged
 * table needs {@code REPLICA IDENTITY FULL}, and an update without a before image is refused
 * with that fix named. A delete writes the row's {@link #DELETED} marker; its counters keep
 * their contributions (the view hides the row).
 */
public final class ChangeBuilder {
    /** The synthetic column that marks a merged row deleted; it merges by last writer. */
    public static final String DELETED = "__deleted";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final MergePolicies policies;

    public ChangeBuilder(MergePolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** A change of a row the merge has seen before (see the next). */
    public Change build(String table, String key, String region, String op, byte[] vector, byte[] clock, String afterJson,
                        String beforeJson) {
        return build(table, key, region, op, vector, clock, afterJson, beforeJson, false);
    }

    /**
     * @param op Debezium's operation: {@code c}, {@code r} (snapshot read), {@code u} or {@code d}
     * @param afterJson the row after the change (null for a delete)
     * @param beforeJson the row before (null for inserts, and for updates without full replica identity)
     * @param unseen whether the merge holds nothing of the row yet: an update then assigns every column that is not a
     *     counter or a set, changed or not, so a row whose table joined the merge section after it was written is merged
     *     whole; counters and sets still take only the change, which keeps them exact when another region's update of a
     *     row arrives before the row's insert
     */
    public Change build(String table, String key, String region, String op, byte[] vector, byte[] clock, String afterJson,
                        String beforeJson, boolean unseen) {
        if (vector == null || clock == null) {
            throw new IllegalArgumentException("a change of merged table " + table + " without the dw.vv and dw.hlc headers");
        }
        Map<String, Object> after = row(afterJson);
        Map<String, Object> before = row(beforeJson);
        Map<String, ColumnEdit> edits = new HashMap<>();
        switch (op) {
            case "c", "r" -> {
                after.forEach((column, value) -> edits.put(column, insertEdit(table, column, value)));
                edits.put(DELETED, new ColumnEdit.Assign(Boolean.FALSE));
            }
            case "u" -> {
                if (beforeJson == null) {
                    throw new IllegalArgumentException("an update of merged table " + table + " without its before image: run "
                            + "ALTER TABLE " + table + " REPLICA IDENTITY FULL in every region, so counters and sets can be merged");
                }
                after.forEach((column, value) -> {
                    Object old = before.get(column);
                    if (!Objects.equals(old, value)) {
                        edits.put(column, updateEdit(table, column, old, value));
                    } else if (unseen && policies.policy(table, column) != ColumnPolicy.COUNTER && policies.policy(table, column) != ColumnPolicy.SET) {
                        edits.put(column, new ColumnEdit.Assign(value));
                    }
                });
            }
            case "d" -> edits.put(DELETED, new ColumnEdit.Assign(Boolean.TRUE));
            default -> throw new IllegalArgumentException("unknown operation '" + op + "' on merged table " + table);
        }
        return new Change(table, key, region, VersionVectorCodec.decode(vector), HybridTimestampCodec.decode(clock), edits);
    }

    private ColumnEdit insertEdit(String table, String column, Object value) {
        return switch (policies.policy(table, column)) {
            case COUNTER -> ColumnEdit.CounterDelta.between(0, JsonValues.integer(value, column));
            case SET -> ColumnEdit.SetEdit.between(List.of(), elements(value, column));
            default -> new ColumnEdit.Assign(value);
        };
    }

    private ColumnEdit updateEdit(String table, String column, Object old, Object value) {
        ColumnPolicy policy = policies.policy(table, column);
        return switch (policy) {
            case COUNTER -> ColumnEdit.CounterDelta.between(JsonValues.integer(old, column), JsonValues.integer(value, column));
            case SET -> ColumnEdit.SetEdit.between(elements(old, column), elements(value, column));
            default -> new ColumnEdit.Assign(value);
        };
    }

    private static Collection<?> elements(Object value, String column) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException("set column " + column + " holds " + value + ", which is not an array");
    }

    private static Map<String, Object> row(String json) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (json == null) {
            return row;
        }
        try {
            JsonNode node = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                row.put(field.getKey(), JsonValues.toJava(field.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a row image that is not JSON", e);
        }
        return row;
    }
}
