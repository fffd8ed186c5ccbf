package io.driftwatch.engine.capture;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/** Turns a configuration, or a local stack's endpoints, into one capture per region. */
public final class CapturePlan {
    private CapturePlan() {}

    public static List<CaptureSettings> fromConfig(PipelineConfig config) {
        List<CaptureSettings> plan = new ArrayList<>();
        for (int i = 0; i < config.regions().size(); i++) {
            PipelineConfig.RegionConfig region = config.regions().get(i);
            PipelineConfig.PostgresConfig pg = region.postgres();
            plan.add(new CaptureSettings(region.name(), pg.host(), pg.portOrDefault(), pg.database(), pg.user(),
                    ConfigLoader.password(pg, "regions[" + i + "]"), region.kafka().bootstrapServers(),
                    ConfigLoader.registryUrl(config.registry()), region.snapshotMode() == null ? config.capture()
                    : config.capture().withSnapshotMode(region.snapshotMode()), ConfigLoader.kafkaSecurity(region.kafka(), "regions[" + i + "]")));
        }
        return plan;
    }

    /** Every region of a local stack, capturing every table in schema {@code public}. */
    public static List<CaptureSettings> fromLocalStack(StackEndpoints endpoints, PipelineConfig.CaptureConfig capture) {
        List<CaptureSettings> plan = new ArrayList<>();
        for (String region : endpoints.regionNames()) {
            StackEndpoints.Postgres pg = endpoints.region(region).postgres();
            plan.add(new CaptureSettings(region, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(),
                    endpoints.region(region).kafka().bootstrapServers(), endpoints.registry().url(), capture));
        }
        return plan;
    }
}
