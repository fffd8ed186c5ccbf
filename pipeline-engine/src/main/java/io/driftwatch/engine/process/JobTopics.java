package io.driftwatch.engine.process;

import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;

/** The Kafka topics the job writes to (dead letters; conflicts and resolutions when it merges), created before it starts. */
public final class JobTopics {
    private JobTopics() {}

    public static void ensure(JobSettings s) {
        for (String bootstrap : s.kafkaByRegion().values()) {
            try (TopicManager topics = new TopicManager(bootstrap, 1)) {
                topics.ensure(s.deadLetterTopic(), TopicKind.PARKED);
                if (s.merge() != null) {
                    topics.ensure(s.conflictsTopic(), TopicKind.PARKED);
                    topics.ensure(s.resolutionsTopic(), TopicKind.PARKED);
                }
            }
        }
    }
}
