package io.driftwatch.engine.failover;

import io.driftwatch.engine.naming.PipelineNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How MirrorMaker 2 is run between the regions' Kafka clusters, and the names it gives things.
 *
 * <p>The intervals are seconds instead of MirrorMaker's minute-scale defaults: a failover can only
 * resume as close to where processing stopped as the newest checkpoint of the job's consumer
 * group, and a failback only knows the other side's topics after a topic refresh.
 */
public final class MirrorSettings {
    /**
     * Not mirrored: Kafka's and MirrorMaker's internals, and the engine's own per-cluster topics
     * (capture offsets, parked records, dead letters, conflicts) — except the operators'
     * resolutions, which the job must find in whichever region it runs.
     */
    static final String EXCLUDED = ".*[\\-\\.]internal, .*\\.replica, __.*, driftwatch\\.(?!.*\\.resolutions$).*, mm2-.*, connect-.*";

    private MirrorSettings() {}

    /** Whether MirrorMaker 2 copies {@code topic} (of a region's own topics; copies are never copied again). */
    public static boolean mirrored(String topic) {
        for (String pattern : EXCLUDED.split(",\\s*")) {
            if (topic.matches(pattern)) {
                return false;
            }
        }
        return true;
    }

    /** The checkpoints topic, in {@code targetRegion}'s cluster, for the flow from {@code sourceRegion}. */
    public static String checkpointsTopic(String sourceRegion) {
        return sourceRegion + ".checkpoints.internal";
    }

    /** The offset-syncs topic, in the source cluster, of the flow to {@code targetRegion}. */
    public static String offsetSyncsTopic(String targetRegion) {
        return "mm2-offset-syncs." + targetRegion + ".internal";
    }

    /** MirrorMaker 2's dedicated-mode configuration for every ordered pair of regions. */
    public static String dedicatedProperties(Map<String, String> bootstrapByRegion) {
        List<String> regions = new ArrayList<>(new java.util.TreeSet<>(bootstrapByRegion.keySet()));
        List<String> lines = new ArrayList<>();
        lines.add("clusters=" + String.join(", ", regions));
        for (String region : regions) {
            lines.add(region + ".bootstrap.servers=" + bootstrapByRegion.get(region));
        }
        for (String source : regions) {
            for (String target : regions) {
                if (!source.equals(target)) {
                    lines.add(source + "->" + target + ".enabled=true");
                }
            }
        }
        lines.addAll(List.of(
                "topics=.*",
                "topics.exclude=" + EXCLUDED,
                "groups=" + PipelineNames.PROCESS_GROUPS,
                "emit.checkpoints.enabled=true",
                "emit.checkpoints.interval.seconds=1",
                "emit.heartbeats.interval.seconds=1",
                "sync.group.offsets.enabled=false",
                "refresh.topics.interval.seconds=2",
                "refresh.groups.interval.seconds=2",
                "sync.topic.configs.interval.seconds=30",
                "sync.topic.acls.enabled=false",
                // MirrorMaker 2's own configuration builds a plugin set too (for config providers);
                // like every flow's worker (below) it reads the plugins' manifests, no class-path scan.
                "plugin.discovery=service_load",
                // An offset sync at least every 10 records: translation lands within 10 records of the exact place.
                "offset.lag.max=10",
                // Single-broker clusters: every internal topic has one replica.
                "replication.factor=1",
                "checkpoints.topic.replication.factor=1",
                "heartbeats.topic.replication.factor=1",
                "offset-syncs.topic.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "config.storage.replication.factor=1",
                ""));
        for (String region : regions) {
            // A flow's Connect group lives in its target cluster. When that broker stops answering,
            // the flow's worker revokes its own tasks after a few seconds; when the broker returns,
            // the worker rejoins under a new member id and, as the group's leader, sees its old
            // tasks as a lost worker's, which Connect holds back for this delay (five minutes by
            // default) in case that worker returns. A flow has one worker: it never returns, so
            // there is nothing to wait for.
            // MirrorMaker 2 builds each flow's worker from the target cluster's prefixed
            // properties only; the same key without the prefix is silently ignored.
            lines.add(region + ".scheduled.rebalance.max.delay.ms=0");
            // Each flow's worker finds its plugins through their ServiceLoader manifests instead of
            // scanning every class on the class path, which is the whole engine's: the scan took
            // 30-40 s per start on a loaded two-core machine, long enough for the supervisor to
            // take a starting MirrorMaker 2 for a stalled one.
            lines.add(region + ".plugin.discovery=service_load");
            // Copies do not wait long to batch: replication lag is part of commit-to-view latency
            // for the other region's data.
            lines.add(region + ".producer.linger.ms=5");
            // Copies into a dead cluster wait for it instead of failing their task (which would stay
            // failed until restarted by hand).
            lines.add(region + ".producer.delivery.timeout.ms=2147483647");
            lines.add(region + ".producer.max.block.ms=2147483647");
            // A fetch is answered as soon as a record is there; this bounds only an empty wait,
            // which at 50 ms kept both brokers answering empty fetches while the pipeline idled.
            lines.add(region + ".consumer.fetch.max.wait.ms=500");
        }
        lines.add("");
        return String.join("\n", lines);
    }
}
