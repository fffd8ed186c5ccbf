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
        return of(config, null);
    }

    /**
     * The endpoints as a workstation reaches them (the console, {@code status}, {@code conflicts},
     * the failover commands): with the {@code console} section's users where it names them, the
     * pipeline's own where it does not.
     */
    public static StackEndpoints forConsole(PipelineConfig config) {
        return of(config, config.console());
    }

    private static StackEndpoints of(PipelineConfig config, PipelineConfig.ConsoleConfig console) {
        PipelineConfig.Login pgLogin = console == null ? null : console.postgres();
        PipelineConfig.KafkaLogin kafkaLogin = console == null ? null : console.kafka();
        PipelineConfig.Login chLogin = console == null ? null : console.clickhouse();
        Map<String, StackEndpoints.RegionEndpoints> regions = new LinkedHashMap<>();
        for (int i = 0; i < config.regions().size(); i++) {
            PipelineConfig.RegionConfig r = config.regions().get(i);
            String key = "regions[" + i + "]";
            PipelineConfig.PostgresConfig pg = r.postgres();
            String jdbc = "jdbc:postgresql://" + (pg.host().contains(":") ? "[" + pg.host() + "]" : pg.host()) + ":" + pg.portOrDefault()
                    + "/" + pg.database();
            regions.put(r.name(), new StackEndpoints.RegionEndpoints(
                    pgLogin == null ? new StackEndpoints.Postgres(jdbc, pg.host(), pg.portOrDefault(), pg.user(), ConfigLoader.password(pg, key), pg.database())
                            : new StackEndpoints.Postgres(jdbc, pg.host(), pg.portOrDefault(), pgLogin.user(), ConfigLoader.secret(pgLogin.passwordEnv(),
                            pgLogin.passwordFile(), "console.postgres.password"), pg.database()),
                    new StackEndpoints.Kafka(r.kafka().bootstrapServers(), kafkaLogin == null ? ConfigLoader.kafkaSecurity(r.kafka(), key)
                            : ConfigLoader.kafkaSecurity(r.kafka(), key).as(kafkaLogin.username(), ConfigLoader.secret(kafkaLogin.passwordEnv(),
                            kafkaLogin.passwordFile(), "console.kafka.password")))));
        }
        StackEndpoints.ClickHouse clickhouse = null;
        if (config.processing() != null && config.processing().clickhouse() != null) {
            PipelineConfig.ClickHouseConfig ch = config.processing().clickhouse();
            clickhouse = chLogin == null ? new StackEndpoints.ClickHouse(ch.url(), ch.user(),
                    ConfigLoader.secret(ch.passwordEnv(), ch.passwordFile(), "processing.clickhouse.password"))
                    : new StackEndpoints.ClickHouse(ch.url(), chLogin.user(), ConfigLoader.secret(chLogin.passwordEnv(), chLogin.passwordFile(),
                    "console.clickhouse.password"));
        }
        PipelineConfig.RegistryLogin registryLogin = console == null ? null : console.registry();
        PipelineConfig.RegistryConfig registry = registryLogin == null ? config.registry() : new PipelineConfig.RegistryConfig(
                config.registry().url(), registryLogin.username(), registryLogin.passwordEnv(), registryLogin.passwordFile());
        return new StackEndpoints(regions, new StackEndpoints.Registry(ConfigLoader.registryUrl(registry)), clickhouse, null);
    }

    /** The ClickHouse database of the views: as configured, or {@code dw_<topicPrefix>}. */
    public static String viewDatabase(PipelineConfig config) {
        PipelineConfig.ClickHouseConfig ch = config.processing() == null ? null : config.processing().clickhouse();
        return ch != null && ch.database() != null ? ch.database() : "dw_" + config.capture().topicPrefix();
    }
}
