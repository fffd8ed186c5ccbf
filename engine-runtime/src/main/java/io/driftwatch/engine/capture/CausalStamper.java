package io.driftwatch.engine.capture;

import io.driftwatch.engine.merge.HybridClock;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.VersionVector;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Stamps each local change with its row's version vector and a hybrid logical clock timestamp.
 *
 * <p>The model (docs/CAUSALITY.md): capture in region R keeps, per key, the vector of everything
 * R has seen of that row and increments R's entry for each local change; the vector on the record
 * is the row's vector after the change. R's entries per key are dense (1, 2, 3, …), which keeps
 * the merge's counters compact.
 *
 * <p>Why recovery: after a crash, capture re-sends the changes whose offsets were not committed.
 * A re-sent change must carry exactly the stamp it had, or the merge would count it as a new
 * change. So on start the stamper is seeded from what is already in Kafka: per key the highest
 * counter, and for each change already written its (key, LSN) → stamp; a change met again is
 * given its old stamp. Only records written before the start are ever re-sent, so the remembered
 * stamps are never added to.
 */
final class CausalStamper {
    private final String region;
    private final HybridClock clock;
    private final Map<String, VersionVector> rows;
    private final Map<String, Stamp> written;
    private final Map<String, Stamp> lastOfKey = new HashMap<>();

    /** A change's stamp. */
    record Stamp(VersionVector vector, HybridTimestamp clock) {}

    CausalStamper(String region, HybridClock clock, Map<String, VersionVector> rows, Map<String, Stamp> written) {
        this.region = region;
        this.clock = clock;
        this.rows = new HashMap<>(rows);
        this.written = new HashMap<>(written);
    }

    /**
     * The stamp of a change to {@code key} of {@code topic} at WAL position {@code lsn}. A
     * tombstone repeats the stamp of the delete it follows. Keyless tables have no row history:
     * each of their rows is its own first version.
     */
    synchronized Stamp stamp(String topic, byte[] bareKey, long lsn, boolean tombstone) {
        if (bareKey == null) {
            return new Stamp(VersionVector.empty().increment(region), clock.now());
        }
        String row = rowId(topic, bareKey);
        String change = row + "@" + lsn;
        if (tombstone) {
            Stamp last = lastOfKey.get(row);
            if (last != null) {
                return last;
            }
        }
        Stamp stamp = written.get(change);
        if (stamp == null) {
            VersionVector next = rows.getOrDefault(row, VersionVector.empty()).increment(region);
            rows.put(row, next);
            stamp = new Stamp(next, clock.now());
        }
        lastOfKey.put(row, stamp);
        return stamp;
    }

    static String rowId(String topic, byte[] bareKey) {
        return topic + "/" + HexFormat.of().formatHex(bareKey);
    }

    static String changeId(String topic, byte[] bareKey, long lsn) {
        return rowId(topic, bareKey) + "@" + lsn;
    }
}
