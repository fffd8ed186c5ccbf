package io.driftwatch.engine.lag;

import java.util.Map;
import java.util.TreeMap;

/**
 * The transactions of one region that capture delivered but the views do not show yet, as far as
 * a prober saw them, and from them the visibility lag: how long ago the oldest one was committed.
 *
 * <p>Why remember across probes: each probe only reads the newest END markers; the oldest
 * invisible transaction is usually one an earlier probe saw as newest. Remembering those keeps the
 * lag honest after a burst (it measures the wait of the oldest, not the newest) and bounded when
 * traffic stops (every remembered commit becomes visible and is forgotten, so the lag returns to
 * zero instead of growing with the time since the last order). Pure: positions and times in, a
 * lag out.
 */
final class PendingCommits {
    /** Enough to cover minutes of probing even when the views are stuck; older entries are the least useful. */
    static final int LIMIT = 10_000;

    private final TreeMap<Long, Long> committedAt = new TreeMap<>();
    private long newest;

    /** A commit seen in Kafka. */
    void saw(CommitMarker commit) {
        committedAt.merge(commit.position(), commit.committedAtMillis(), Math::min);
        newest = Math.max(newest, commit.position());
        while (committedAt.size() > LIMIT) {
            // Keep the oldest (they define the lag) and drop the newest but one.
            Map.Entry<Long, Long> last = committedAt.lastEntry();
            committedAt.remove(committedAt.lowerKey(last.getKey()));
        }
    }

    /** The newest commit position seen, 0 before any. */
    long newest() {
        return newest;
    }

    /**
     * Forgets every commit at or below {@code visible} and returns how long ago the oldest
     * remaining one was committed, 0 when none remains.
     */
    long lagMillis(long visible, long nowMillis) {
        committedAt.headMap(visible, true).clear();
        if (committedAt.isEmpty()) {
            return 0;
        }
        return Math.max(0, nowMillis - committedAt.firstEntry().getValue());
    }
}
