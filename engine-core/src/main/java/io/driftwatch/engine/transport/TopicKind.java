package io.driftwatch.engine.transport;

import java.util.Map;

/**
 * Every kind of topic the engine writes, with the settings it is created with. Topics are always
 * created explicitly: brokers run with auto-creation off.
 */
public enum TopicKind {
    /**
     * A table with a key: compacted, so the topic converges to the latest row per key. Deleted
     * rows' tombstones stay for a day ({@code delete.retention.ms}) so that every consumer sees
     * the delete before compaction removes it.
     */
    TABLE(Map.of("cleanup.policy", "compact", "delete.retention.ms", "86400000", "min.compaction.lag.ms", "60000",
            "segment.ms", "3600000")),
    /** A table without a primary key: append-only, kept forever (compaction needs keys). */
    APPEND_ONLY_TABLE(Map.of("cleanup.policy", "delete", "retention.ms", "-1")),
    /** Transaction BEGIN/END markers: needed only until the job has assembled them; a week. */
    TRANSACTIONS(Map.of("cleanup.policy", "delete", "retention.ms", "604800000")),
    /** Business events from the outbox: an event log, a week. */
    OUTBOX(Map.of("cleanup.policy", "delete", "retention.ms", "604800000")),
    /** Heartbeats: only their effect on the slot matters; an hour. */
    HEARTBEAT(Map.of("cleanup.policy", "delete", "retention.ms", "3600000")),
    /** Capture offsets: compacted, the latest offset per partition is all that matters. */
    OFFSETS(Map.of("cleanup.policy", "compact")),
    /** The engine's published state: compacted, the latest report per engine is all that matters. */
    STATUS(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000", "segment.ms", "3600000")),
    /** Records held back (schema rejected) or that could not be processed: kept until dealt with. */
    PARKED(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));

    private final Map<String, String> configs;

    TopicKind(Map<String, String> configs) {
        this.configs = configs;
    }

    public Map<String, String> configs() {
        return configs;
    }
}
