package io.driftwatch.engine.failover;

import io.driftwatch.engine.naming.PipelineNames;
/**
 * Where one source partition stood in a checkpoint of the processing job.
 *
 * @param dataRegion the region whose changes the partition holds
 * @param clusterRegion the region whose Kafka cluster the job read it from
 * @param topic the topic's name in its own region (a copy in another cluster is {@code <dataRegion>.<topic>})
 * @param nextOffset the next offset to read in {@code clusterRegion}'s cluster
 * @param lastTimestamp the timestamp of the last record read (kept by MirrorMaker 2's copies)
 */
public record RecordedPosition(String dataRegion, String clusterRegion, String topic, int partition, long nextOffset, long lastTimestamp) {

    /** The partition's topic as named in {@code cluster}'s Kafka. */
    public String topicIn(String cluster) {
        return cluster.equals(dataRegion) ? topic : PipelineNames.remoteTopic(dataRegion, topic);
    }
}
