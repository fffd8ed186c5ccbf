package io.driftwatch.engine.failover;

/**
 * Where a source partition resumes in the cluster processing moves to, and how that place was found.
 *
 * @param topic the topic as named in the new cluster
 * @param offset the first offset read there; every record from it on is read again, so whatever
 *     was already applied before it is absorbed by the idempotent, versioned writes
 */
public record Placement(String dataRegion, String topic, int partition, long offset, Method method) {

    /** How the place was found, most exact first. */
    public enum Method {
        /** MirrorMaker 2's checkpoint of the job's consumer group, translated into the new cluster. */
        MIRROR_CHECKPOINT,
        /** Reverse of MirrorMaker 2's offset syncs: from a copy back to the original topic. */
        OFFSET_SYNC,
        /** The first record at or after the last record's timestamp (MirrorMaker 2 keeps timestamps). */
        TIMESTAMP,
        /** Nothing placed it: read from the beginning. */
        BEGINNING
    }
}
