package io.driftwatch.engine.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Places each source partition of a checkpoint in the cluster processing moves to. Pure.
 *
 * <p>Every way of placing yields a lower bound of the exact place (never past a record the
 * restored state has not seen), so the plan takes the highest of them:
 * <ul>
 *   <li>data of another region, read until now from its own cluster, is read from its copy: a
 *       MirrorMaker 2 checkpoint of the job's group whose upstream offset is at or below the
 *       recorded one gives the copy's offset;</li>
 *   <li>data of the new cluster's own region, read until now as a copy in the old cluster, is read
 *       from the original: the offset sync whose downstream offset is at or below the recorded
 *       one gives the original's offset;</li>
 *   <li>either way, the first record whose timestamp is at or after the last record read: that
 *       record itself has that timestamp, so the place is never past it.</li>
 * </ul>
 * A partition nothing places is read from the beginning.
 */
public final class ResumePlanner {
    private ResumePlanner() {}

    /**
     * @param positions where each partition stood in the checkpoint being restored
     * @param target the region whose cluster processing moves to
     * @param checkpoints MirrorMaker 2 checkpoints of the job's group in the target cluster: per topic
     *     (as named there) and partition, upstream offset → downstream offset
     * @param syncs MirrorMaker 2 offset syncs from the target's own topics to their copies: per topic
     *     (as named in the target) and partition, downstream offset → upstream offset
     * @param byTimestamp the first offset at or after each position's last timestamp, per topic as named in the target
     */
    public static List<Placement> plan(List<RecordedPosition> positions, String target,
                                       Map<String, NavigableMap<Long, Long>> checkpoints,
                                       Map<String, NavigableMap<Long, Long>> syncs,
                                       Map<String, Long> byTimestamp) {
        List<Placement> plan = new ArrayList<>();
        for (RecordedPosition p : positions) {
            String topic = p.topicIn(target);
            String key = key(topic, p.partition());
            long best = -1;
            Placement.Method method = Placement.Method.BEGINNING;
            if (p.clusterRegion().equals(target)) {
                // Not moving: the recorded offset is exact.
                plan.add(new Placement(p.dataRegion(), topic, p.partition(), p.nextOffset(), Placement.Method.MIRROR_CHECKPOINT));
                continue;
            }
            if (!p.dataRegion().equals(target)) {
                Map.Entry<Long, Long> checkpoint = floor(checkpoints.get(key), p.nextOffset());
                if (checkpoint != null) {
                    best = checkpoint.getValue();
                    method = Placement.Method.MIRROR_CHECKPOINT;
                }
            } else {
                Map.Entry<Long, Long> sync = floor(syncs.get(key), p.nextOffset());
                if (sync != null) {
                    best = sync.getValue();
                    method = Placement.Method.OFFSET_SYNC;
                }
            }
            Long byTime = byTimestamp.get(key);
            if (byTime != null && byTime > best) {
                best = byTime;
                method = Placement.Method.TIMESTAMP;
            }
            plan.add(new Placement(p.dataRegion(), topic, p.partition(), Math.max(0, best), method));
        }
        return plan;
    }

    public static String key(String topic, int partition) {
        return topic + "-" + partition;
    }

    private static Map.Entry<Long, Long> floor(NavigableMap<Long, Long> map, long offset) {
        return map == null ? null : map.floorEntry(offset);
    }
}
