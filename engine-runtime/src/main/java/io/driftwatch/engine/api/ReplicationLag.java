package io.driftwatch.engine.api;

/**
 * How far MirrorMaker 2's copy of one partition trails its original.
 *
 * @param lagRecords records in the original beyond the copy's end ({@code sourceEnd - copyEnd}, at least 0)
 * @param lagMillis how much older the copy's newest record is than the original's (copies keep record
 *     timestamps), 0 when the copy has the newest record
 */
public record ReplicationLag(String fromRegion, String toRegion, String topic, int partition, long sourceEnd, long copyEnd,
                             long lagRecords, long lagMillis) {}
