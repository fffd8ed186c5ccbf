package io.driftwatch.app.services;

import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.service.PipelineEndpoints;
import java.nio.file.Path;

/**
 * A pipeline running elsewhere, as the console reaches it: the servers its config names with the
 * credentials it references (resolved from their files or environment variables), its topic prefix
 * and its views database.
 */
public record AttachedPipeline(StackEndpoints endpoints, String topicPrefix, String viewDatabase) {

    /** @throws IllegalArgumentException naming the key and what to fix, for a config or secret that cannot be read */
    public static AttachedPipeline read(Path config) {
        try {
            PipelineConfig pipeline = new ConfigLoader().load(config);
            return new AttachedPipeline(PipelineEndpoints.of(pipeline), pipeline.capture().topicPrefix(), PipelineEndpoints.viewDatabase(pipeline));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether the config names the views' ClickHouse (its {@code processing} section): lag to the views and conflicts need it. */
    public boolean hasViews() {
        return endpoints.clickhouse() != null;
    }

    public LagSources lagSources() {
        return new LagSources(topicPrefix, io.driftwatch.engine.process.JobSettings.consumerGroup(topicPrefix), viewDatabase);
    }
}
