package io.driftwatch.engine.process;

import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;

/** The Kafka topics the job writes to (dead letters; conflicts and resolutions when it merges), created before it starts. */
public final class JobTopics {
    private JobTopics() {}

    /**
     * In every region's cluster, or, when the job reads through MirrorMaker 2, in the active one
     * only: another may be the one that just failed (see {@link #ensureEverywhere}).
     */
    public static void ensure(JobSettings s) {
        if (s.sourcing() != null) {
            ensure(s, s.sourcing().activeRegion());
            return;
        }
        s.kafkaByRegion().keySet().forEach(region -> ensure(s, region));
    }

    /** In every region's cluster: before a multi-region job first starts, so operators can send resolutions to any region. */
    public static void ensureEverywhere(JobSettings s) {
        s.kafkaByRegion().keySet().forEach(region -> ensure(s, region));
    }

    private static void ensure(JobSettings s, String region) {
        try (TopicManager topics = new TopicManager(s.kafkaByRegion().get(region), 1, s.kafkaSecurity(region))) {
            topics.ensure(s.deadLetterTopic(), TopicKind.PARKED);
            if (s.merge() != null) {
                topics.ensure(s.conflictsTopic(), TopicKind.PARKED);
                topics.ensure(s.resolutionsTopic(), TopicKind.PARKED);
            }
        }
    }
}
