package io.driftwatch.engine.api;

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
        return new LagSources(prefix, io.driftwatch.engine.process.JobSettings.consumerGroup(prefix), "dw_" + prefix);
    }

    /** The topic carrying the transaction BEGIN/END markers. */
    public String transactionTopic() {
        return topicPrefix + ".transaction";
    }

    /** Whether the processing job reads {@code topic}: the prefix's topics except the outbox's. */
    public boolean processes(String topic) {
        return topic.startsWith(topicPrefix + ".") && !topic.startsWith(topicPrefix + ".outbox.");
    }
}
