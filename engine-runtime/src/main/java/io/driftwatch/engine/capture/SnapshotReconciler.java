package io.driftwatch.engine.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a snapshot changes in what the region's topics already hold.
 *
 * <p>Why: a region is snapshotted again when its replication slot was lost (PostgreSQL removed WAL
 * the slot still needed) or an interrupted snapshot is redone. The changes committed meanwhile are
 * gone from the WAL; the snapshot is the only record of them. Written as it is, it would count
 * every counter again (a read has no before image, so its delta is the whole value), stamp every
 * row as changed, and leave the rows deleted meanwhile in the views. Reconciled against the rows
 * the topics hold, it becomes exactly the missing changes: a row the snapshot reads as held is not
 * written; a changed row is an update whose before image is the held one; a new row is an insert;
 * a held row the snapshot did not read is deleted. A table without a key is a multiset of images:
 * each read matches one held row with the same image, and the held rows left unmatched are deleted
 * by their identity.
 *
 * <p>Rows are compared by their after image's text; a row whose shape changed (a column added)
 * is written again as an update, which is harmless.
 */
final class SnapshotReconciler {
    /**
     * A row the region's topics hold: its latest version's topic, framed value and after-image
     * text, its key as written (null without a key); for a row without a key, its identity ({@link io.driftwatch.engine.transport.RowIdentity}).
     */
    record Held(String table, String key, byte[] rawKey, String identity, String topic, String image, byte[] value) {}

    /** What to do with one snapshot read. */
    sealed interface Outcome {
        /** The topics hold this row as read: nothing to write. */
        record Unchanged() implements Outcome {}

        /** Not held: write it as read. */
        record Insert() implements Outcome {}

        /** Held with another image: write it as an update of {@code before}. */
        record Update(Held before) implements Outcome {}
    }

    private static final Outcome UNCHANGED = new Outcome.Unchanged();
    private static final Outcome INSERT = new Outcome.Insert();

    /** Keyed rows by table, then key. */
    private final Map<String, Map<String, Held>> keyed = new TreeMap<>();
    /** Keyless rows by table, then image (a multiset: equal rows queue up). */
    private final Map<String, Map<String, Deque<Held>>> keyless = new TreeMap<>();
    private final Map<String, Set<String>> keylessSeen = new TreeMap<>();

    /**
     * Adds one record of the region's topics, in topic order: a keyed row's latest version
     * replaces the one before, a delete ({@code op} d) removes it; a keyless row is added once per
     * identity (a change re-sent after a restart carries its identity again).
     *
     * @param key   the key's text, or null for a table without a key
     * @param image the after image's text (null for a delete)
     */
    void hold(String table, String key, byte[] rawKey, String identity, String op, String topic, String image, byte[] value) {
        if (key != null) {
            Map<String, Held> rows = keyed.computeIfAbsent(table, t -> new TreeMap<>());
            if ("d".equals(op) || image == null) {
                rows.remove(key);
            } else {
                rows.put(key, new Held(table, key, rawKey, null, topic, image, value));
            }
        } else if (!"d".equals(op) && image != null && keylessSeen.computeIfAbsent(table, t -> new HashSet<>()).add(identity)) {
            keyless.computeIfAbsent(table, t -> new TreeMap<>()).computeIfAbsent(image, i -> new ArrayDeque<>())
                    .add(new Held(table, null, null, identity, topic, image, value));
        }
    }

    /** How many rows are held. */
    int held() {
        return keyed.values().stream().mapToInt(Map::size).sum()
                + keyless.values().stream().flatMap(m -> m.values().stream()).mapToInt(Deque::size).sum();
    }

    /** What to write for one snapshot read of {@code table} ({@code key} null: a table without a key). */
    Outcome read(String table, String key, String image) {
        if (key != null) {
            Map<String, Held> rows = keyed.get(table);
            Held held = rows == null ? null : rows.remove(key);
            if (held == null) {
                return INSERT;
            }
            return held.image().equals(image) ? UNCHANGED : new Outcome.Update(held);
        }
        Map<String, Deque<Held>> rows = keyless.get(table);
        Deque<Held> same = rows == null ? null : rows.get(image);
        if (same == null || same.isEmpty()) {
            return INSERT;
        }
        same.poll();
        return UNCHANGED;
    }

    /** The held rows the snapshot did not read, to delete, by table; afterwards nothing is held. */
    List<Held> vanished() {
        List<Held> gone = new ArrayList<>();
        keyed.values().forEach(rows -> gone.addAll(rows.values()));
        keyless.values().forEach(rows -> rows.values().forEach(gone::addAll));
        keyed.clear();
        keyless.clear();
        keylessSeen.clear();
        return gone;
    }
}
