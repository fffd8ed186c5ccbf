package io.driftwatch.engine.naming;

/**
 * The names a pipeline gives its topics, consumer groups and views' database, from its topic
 * prefix. Capture, the job, MirrorMaker 2, the probes and the console find each other's topics
 * and tables by these names, so they are made here and nowhere else.
 */
public final class PipelineNames {
    /** The processing job's consumer groups, as a pattern: the only groups whose offsets MirrorMaker 2 checkpoints. */
    public static final String PROCESS_GROUPS = "driftwatch-process-.*";

    private PipelineNames() {}

    /** The transaction markers capture writes (BEGIN and END of every source transaction). */
    public static String transactions(String topicPrefix) {
        return topicPrefix + ".transaction";
    }

    /** The conflicts the job opens for operator review. */
    public static String conflicts(String topicPrefix) {
        return "driftwatch." + topicPrefix + ".conflicts";
    }

    /** The operators' resolutions of conflicts; mirrored, so the job finds them in whichever region it runs. */
    public static String resolutions(String topicPrefix) {
        return "driftwatch." + topicPrefix + ".resolutions";
    }

    /** Where the job writes what it cannot process, with the reason. */
    public static String deadLetters(String topicPrefix) {
        return "driftwatch." + topicPrefix + ".dead-letters";
    }

    /** The consumer group the job's Kafka sources commit their offsets to at each checkpoint. */
    public static String processGroup(String topicPrefix) {
        return "driftwatch-process-" + topicPrefix;
    }

    /** The consumer group of the job's reader of the operators' resolutions. */
    public static String resolutionsGroup(String topicPrefix) {
        return "driftwatch-resolutions-" + topicPrefix;
    }

    /** The ClickHouse database of the pipeline's views, unless its config names another. */
    public static String viewsDatabase(String topicPrefix) {
        return "dw_" + topicPrefix;
    }

    /** The name MirrorMaker 2 gives {@code topic} of {@code sourceRegion} in the other region's cluster. */
    public static String remoteTopic(String sourceRegion, String topic) {
        return sourceRegion + "." + topic;
    }
}
