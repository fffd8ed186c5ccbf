package io.driftwatch.engine.api;

import io.driftwatch.engine.naming.PipelineNames;
/**
 * What a lag probe looks at besides the servers: which topics the processing job reads, the
 * consumer group it commits its Kafka offsets under, and the ClickHouse database of its views.
 *
 * @param topicPrefix   the pipeline's topic prefix; the job reads every {@code prefix.*} topic but the outbox's
 * @param consumerGroup the job's Kafka consumer group (its source commits offsets there on each checkpoint)
 * @param viewDatabase  the ClickHouse database holding the views and their visible positions
 */
public record LagSources(String topicPrefix, String consumerGroup, String viewDatabase) {

    /** The sources of the pipeline with {@code prefix}, named as the processing job names them. */
    public static LagSources forPipeline(String prefix) {
        return new LagSources(prefix, PipelineNames.processGroup(prefix), PipelineNames.viewsDatabase(prefix));
    }

    /** The topic carrying the transaction BEGIN/END markers. */
    public String transactionTopic() {
        return PipelineNames.transactions(topicPrefix);
    }

    /**
     * Whether the processing job may read {@code topic}: the prefix's topics except the outbox's,
     * and MirrorMaker 2's copies of them from another region ({@code <region>.<topic>}), which a
     * job with a failover controller reads in the active region's cluster.
     */
    public boolean processes(String topic) {
        if (own(topic)) {
            return true;
        }
        int dot = topic.indexOf('.');
        return dot > 0 && !topic.startsWith("driftwatch.") && own(topic.substring(dot + 1));
    }

    /** The region a copied topic came from, with its dot ({@code "eu-west-1."}); empty for the pipeline's own topics. */
    public String copiedFrom(String topic) {
        return own(topic) ? "" : topic.substring(0, topic.indexOf('.') + 1);
    }

    private boolean own(String topic) {
        return topic.startsWith(topicPrefix + ".") && !topic.startsWith(topicPrefix + ".outbox.");
    }
}
