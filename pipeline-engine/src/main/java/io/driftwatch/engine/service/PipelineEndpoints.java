package io.driftwatch.engine.service;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoints a pipeline config names, with their secrets resolved (from the environment or
 * files), in the shape every reader of a stack takes: so the probes that serve the local stack
 * serve a pipeline on other machines unchanged, through its own security settings.
 */
public final class PipelineEndpoints {
    private PipelineEndpoints() {}

    /** Without a {@code processing} section there is no ClickHouse to read: its endpoint is null. */
    public static StackEndpoints of(PipelineConfig config) {
        Map<String, StackEndpoints.RegionEndpoints> regions = new LinkedHashMap<>();
        for (int i = 0; i < config.regions().size(); i++) {
            PipelineConfig.RegionConfig r = config.regions().get(i);
            String key = "regions[" + i + "]";
            PipelineConfig.PostgresConfig pg = r.postgres();
            String jdbc = "jdbc:postgresql://" + (pg.host().contains(":") ? "[" + pg.host() + "]" : pg.host()) + ":" + pg.portOrDefault()
                    + "/" + pg.database();
            regions.put(r.name(), new StackEndpoints.RegionEndpoints(
                    new StackEndpoints.Postgres(jdbc, pg.host(), pg.portOrDefault(), pg.user(), ConfigLoader.password(pg, key), pg.database()),
                    new StackEndpoints.Kafka(r.kafka().bootstrapServers(), ConfigLoader.kafkaSecurity(r.kafka(), key))));
        }
        StackEndpoints.ClickHouse clickhouse = null;
        if (config.processing() != null && config.processing().clickhouse() != null) {
            PipelineConfig.ClickHouseConfig ch = config.processing().clickhouse();
            clickhouse = new StackEndpoints.ClickHouse(ch.url(), ch.user(),
                    ConfigLoader.secret(ch.passwordEnv(), ch.passwordFile(), "processing.clickhouse.password"));
        }
        return new StackEndpoints(regions, new StackEndpoints.Registry(ConfigLoader.registryUrl(config.registry())), clickhouse, null);
    }

    /** The ClickHouse database of the views: as configured, or {@code dw_<topicPrefix>}. */
    public static String viewDatabase(PipelineConfig config) {
        PipelineConfig.ClickHouseConfig ch = config.processing() == null ? null : config.processing().clickhouse();
        return ch != null && ch.database() != null ? ch.database() : "dw_" + config.capture().topicPrefix();
    }
}
