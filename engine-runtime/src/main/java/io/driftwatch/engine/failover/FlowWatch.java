package io.driftwatch.engine.failover;

import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.api.MirrorFlow.Condition;
import io.driftwatch.engine.api.ReplicationLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells, from successive readings of MirrorMaker 2's copies, whether each flow between two
 * regions keeps up, copies, or has stalled. Pure: the time of each reading comes with it.
 *
 * <p>Why progress and not lag: a flow under load is always some records behind, and a copy can
 * even hold more records than its original (MirrorMaker 2 copies at least once, so a restarted
 * task writes some records again). What distinguishes a broken flow is that it is behind — a copy
 * lacks its original's newest record — and none of its copies has grown for {@code stallAfter}.
 * A flow whose source or target cannot be read is not judged, and its clock starts again once both
 * answer, so a returning broker gets {@code stallAfter} for the flow to resume before it counts as
 * stalled.
 */
public final class FlowWatch {
    private final Duration stallAfter;
    private final Map<String, Track> tracks = new HashMap<>();

    public FlowWatch(Duration stallAfter) {
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("stallAfter must be positive, was " + stallAfter);
        }
        this.stallAfter = stallAfter;
    }

    /** A flow's memory between readings: each copy partition's end, and when the flow last moved. */
    private static final class Track {
        final Map<String, Long> copyEnds = new HashMap<>();
        Instant lastProgress;
        Condition condition;
        Instant since;
    }

    /**
     * Judges every flow between {@code regions} from one reading.
     *
     * @param partitions the reading's copy partitions (as {@link MirrorLagProbe} measures them)
     * @param unreachable regions whose cluster did not answer this time
     */
    public List<MirrorFlow> observe(Instant at, List<String> regions, List<ReplicationLag> partitions, Set<String> unreachable) {
        List<MirrorFlow> out = new ArrayList<>();
        for (String from : regions) {
            for (String to : regions) {
                if (!from.equals(to)) {
                    out.add(observe(at, from, to, partitions, unreachable));
                }
            }
        }
        return out;
    }

    private MirrorFlow observe(Instant at, String from, String to, List<ReplicationLag> partitions, Set<String> unreachable) {
        Track track = tracks.computeIfAbsent(from + "->" + to, k -> new Track());
        if (unreachable.contains(from) || unreachable.contains(to)) {
            track.lastProgress = null; // the clock starts again with the first reading once both answer
            return judged(track, at, from, to, Condition.UNREACHABLE, null, 0, 0);
        }
        long behindRecords = 0;
        long behindMillis = 0;
        boolean behind = false;
        boolean progress = false;
        for (ReplicationLag p : partitions) {
            if (!p.fromRegion().equals(from) || !p.toRegion().equals(to)) {
                continue;
            }
            behindRecords += p.lagRecords();
            behindMillis = Math.max(behindMillis, p.lagMillis());
            // By timestamp, not by offset: a copy holds duplicates after a restart, and no
            // transaction markers, so end offsets differ either way.
            behind |= p.lagMillis() != 0;
            Long before = track.copyEnds.put(p.topic() + "/" + p.partition(), p.copyEnd());
            progress |= before != null && p.copyEnd() > before;
        }
        Condition condition;
        if (!behind) {
            track.lastProgress = at;
            condition = Condition.CAUGHT_UP;
        } else if (progress || track.lastProgress == null) {
            track.lastProgress = at;
            condition = Condition.COPYING;
        } else if (Duration.between(track.lastProgress, at).compareTo(stallAfter) >= 0) {
            return judged(track, at, from, to, Condition.STALLED, track.lastProgress, behindRecords, behindMillis);
        } else {
            condition = Condition.COPYING;
        }
        return judged(track, at, from, to, condition, null, behindRecords, behindMillis);
    }

    /** Records the condition; {@code since} overrides when it began (a stall began at the last progress). */
    private static MirrorFlow judged(Track track, Instant at, String from, String to, Condition condition, Instant since,
                                     long behindRecords, long behindMillis) {
        if (track.condition != condition) {
            track.condition = condition;
            track.since = since != null ? since : at;
        }
        return new MirrorFlow(from, to, condition, since != null ? since : track.since, behindRecords, behindMillis, "");
    }
}
