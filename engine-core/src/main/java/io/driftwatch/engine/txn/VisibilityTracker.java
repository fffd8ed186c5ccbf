package io.driftwatch.engine.txn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides a region's visible position from two facts: which transactions exist, in commit order
 * (their END markers), and which of them have been completely written to the views.
 *
 * <p>The visible position only ever grows, and only past a transaction once it and every
 * transaction committed before it are written; a transaction written early waits for the ones
 * before it. Not thread-safe; one per region, kept in operator state.
 */
public final class VisibilityTracker {
    private final TreeMap<Long, String> pending = new TreeMap<>();
    private final Set<Long> written = new HashSet<>();
    private final List<Long> passed = new ArrayList<>();
    private long visible;

    public VisibilityTracker(long visible) {
        this.visible = visible;
    }

    /** The highest commit position whose transaction, and all before it, are written. */
    public long visible() {
        return visible;
    }

    /** A transaction's END: it exists at {@code commitPosition}. Returns the visible position. */
    public long ended(long commitPosition, String txId) {
        if (commitPosition > visible) {
            pending.put(commitPosition, txId);
        }
        return advance();
    }

    /** A transaction at {@code commitPosition} has been completely written. Returns the visible position. */
    public long written(long commitPosition) {
        if (commitPosition > visible) {
            written.add(commitPosition);
        }
        return advance();
    }

    private long advance() {
        passed.clear();
        while (!pending.isEmpty() && written.contains(pending.firstKey())) {
            long next = pending.pollFirstEntry().getKey();
            written.remove(next);
            passed.add(next);
            visible = next;
        }
        return visible;
    }

    /**
     * The positions the last {@link #ended} or {@link #written} made visible, oldest first: what
     * an operator keeping this tracker's state removes from it, without copying the pending
     * transactions (a backlog holds thousands of them).
     */
    public List<Long> passed() {
        return List.copyOf(passed);
    }

    /** Transactions that ended but are not written yet, oldest first: what the view waits for. */
    public Map<Long, String> waitingFor() {
        TreeMap<Long, String> waiting = new TreeMap<>();
        pending.forEach((position, tx) -> {
            if (!written.contains(position)) {
                waiting.put(position, tx);
            }
        });
        return waiting;
    }

    /** The state to checkpoint: the visible position, the pending transactions and the written ones. */
    public Snapshot snapshot() {
        return new Snapshot(visible, new TreeMap<>(pending), Set.copyOf(written));
    }

    public static VisibilityTracker restore(Snapshot snapshot) {
        VisibilityTracker tracker = new VisibilityTracker(snapshot.visible());
        tracker.pending.putAll(snapshot.pending());
        tracker.written.addAll(snapshot.written());
        return tracker;
    }

    /** Checkpointable state. */
    public record Snapshot(long visible, Map<Long, String> pending, Set<Long> written) {}
}
