package io.driftwatch.engine.merge;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One captured change to one row, as the merge sees it.
 *
 * @param table       source table
 * @param key         the row's primary key in canonical string form
 * @param region      the replica that made the change (a region, or a resolution — see
 *                    {@link ConflictResolution}); the change is event {@code region:vector[region]}
 * @param vector      everything the region had seen of this row when it made the change,
 *                    including the change itself (so {@code vector[region] >= 1})
 * @param timestamp   hybrid timestamp of the change, from the region's {@link HybridClock}
 * @param edits       column → what the change did; only the columns it touched need appear
 * @param acknowledges counter columns whose current invariant violation this change
 *                    acknowledges (set only by conflict resolutions; empty for captured changes)
 */
public record Change(String table, String key, String region, VersionVector vector, HybridTimestamp timestamp,
                     Map<String, ColumnEdit> edits, Set<String> acknowledges) implements java.io.Serializable {

    public Change {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(timestamp, "timestamp");
        edits = Map.copyOf(edits);
        acknowledges = Set.copyOf(acknowledges);
        if (vector.get(region) < 1) {
            throw new IllegalArgumentException("the vector of a change from " + region + " must count the change itself ("
                    + region + " >= 1), got " + vector);
        }
    }

    public Change(String table, String key, String region, VersionVector vector, HybridTimestamp timestamp,
                  Map<String, ColumnEdit> edits) {
        this(table, key, region, vector, timestamp, edits, Set.of());
    }

    /** Which event this change is. */
    public Dot dot() {
        return vector.dot(region);
    }

    public Stamp stamp() {
        return new Stamp(vector, timestamp);
    }
}
