package io.driftwatch.engine.failover;

import java.time.Duration;
import java.time.Instant;

/**
 * When a stalled MirrorMaker 2 gets restarted: once a flow has been stalled for {@code after},
 * then again only after a back-off that doubles from {@code first} up to {@code max}, and at most
 * {@code limit} times in a row; a flow that recovers resets the count. Pure.
 *
 * <p>Why bounded: a flow that a restart cannot mend (a target refusing its writes, say) must stay
 * reported as stalled with MirrorMaker 2's own error, not be hidden behind a restart loop that
 * costs both regions' replication each time.
 */
public final class RestartBackoff {
    private final Duration after;
    private final Duration first;
    private final Duration max;
    private final int limit;
    private int consecutive;
    private Instant lastRestart;

    public RestartBackoff(Duration after, Duration first, Duration max, int limit) {
        this.after = after;
        this.first = first;
        this.max = max;
        this.limit = limit;
    }

    /**
     * Whether to restart now.
     *
     * @param stalledSince when the longest-stalled flow last made progress, or null when none is stalled
     */
    public boolean due(Instant now, Instant stalledSince) {
        if (stalledSince == null) {
            consecutive = 0;
            lastRestart = null;
            return false;
        }
        if (consecutive >= limit || Duration.between(stalledSince, now).compareTo(after) < 0) {
            return false;
        }
        return lastRestart == null || Duration.between(lastRestart, now).compareTo(pause()) >= 0;
    }

    /** Notes a restart made at {@code at}. */
    public void restarted(Instant at) {
        consecutive++;
        lastRestart = at;
    }

    /** Restarts in a row without the flows recovering. */
    public int consecutive() {
        return consecutive;
    }

    public boolean exhausted() {
        return consecutive >= limit;
    }

    public int limit() {
        return limit;
    }

    private Duration pause() {
        Duration d = first;
        for (int i = 1; i < consecutive && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
