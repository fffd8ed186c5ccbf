package io.driftwatch.engine.merge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A merge that needs an operator: which row and column, why, each side (value, vector, clock)
 * and what the automatic merge made of it (what the view shows meanwhile).
 *
 * @param sides       for {@link ConflictKind#CONCURRENT_MANUAL}: the concurrent writes; for
 *                    {@link ConflictKind#INVARIANT_VIOLATION}: per region that moved the counter,
 *                    that region's contribution with the stamp of its latest change. Oldest
 *                    timestamp first.
 * @param mergedValue the automatic result: the latest write for a manual column, the sum for a
 *                    counter
 * @param reason      a sentence for the console
 *
 * <p>Conflicts are derived from the row state, never accumulated, so replays and reordering
 * yield the same conflicts; {@link #id()} is a digest of the content, so the same conflict
 * derived twice has the same id and duplicates collapse in a conflicts topic or table.
 */
public record Conflict(ConflictKind kind, String table, String key, String column,
                       List<Versioned<Object>> sides, Object mergedValue, String reason) implements java.io.Serializable {

    public Conflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
        sides = List.copyOf(sides);
    }

    /** Deterministic id: a name-based UUID of kind, row, column, sides and merged value. */
    public String id() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, kind.name());
        field(canonical, table);
        field(canonical, key);
        field(canonical, column);
        for (Versioned<Object> side : sides) {
            field(canonical, side.vector().toString());
            field(canonical, side.timestamp().toString());
            field(canonical, typed(side.value()));
        }
        field(canonical, typed(mergedValue));
        return UUID.nameUUIDFromBytes(canonical.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Everything the sides have seen together; a resolution's vector must dominate it. */
    public VersionVector frontier() {
        VersionVector merged = VersionVector.empty();
        for (Versioned<Object> side : sides) {
            merged = merged.merge(side.vector());
        }
        return merged;
    }

    /** The latest timestamp among the sides; a resolution's timestamp comes after it. */
    public HybridTimestamp latestTimestamp() {
        HybridTimestamp latest = HybridTimestamp.ZERO;
        for (Versioned<Object> side : sides) {
            latest = latest.max(side.timestamp());
        }
        return latest;
    }

    // Length-prefixed, so no choice of strings can make two different conflicts read alike.
    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value).append(';');
    }

    private static String typed(Object value) {
        return value == null ? "null" : value.getClass().getName() + "=" + value;
    }
}
