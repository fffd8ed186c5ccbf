package io.driftwatch.engine.cluster;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The processing job's settings for the servers of a stack, as its endpoints name them (a config file's are {@code ProcessPlan}'s). */
public final class StackJobSettings {
    private StackJobSettings() {}

    /** The job for every region of the stack, checkpointing to its S3-compatible store. */
    public static JobSettings of(StackEndpoints e, String prefix, int parallelism, Duration checkpointInterval,
                                 JobSettings.Visibility visibility, int restPort, String outboxTable) {
        Map<String, String> kafka = new LinkedHashMap<>();
        e.regionNames().forEach(r -> kafka.put(r, e.region(r).kafka().bootstrapServers()));
        return new JobSettings(prefix, kafka, e.registry().url(),
                new ClickHouseSettings(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(), PipelineNames.viewsDatabase(prefix), e.regionNames()),
                parallelism, checkpointInterval, visibility, "s3p://" + e.s3().bucket() + "/" + prefix,
                new JobSettings.S3(e.s3().endpoint(), e.s3().accessKey(), e.s3().secretKey()), restPort, Duration.ofMillis(50), outboxTable);
    }
}
