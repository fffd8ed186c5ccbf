package io.driftwatch.engine.subjects;

import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.schema.CompatibilityLevel;
import java.io.PrintWriter;

/**
 * Applies the config's compatibility levels to the registry before capture registers anything:
 * the default for every subject, then each subject's own. A subject may be given a level before
 * its first version exists.
 */
public final class SchemaLevels {
    private SchemaLevels() {}

    public static void apply(SchemaRegistryClient registry, PipelineConfig.SchemasConfig levels, PrintWriter out) {
        if (levels.compatibility() != null) {
            String level = CompatibilityLevel.parse(levels.compatibility()).name();
            registry.setGlobalCompatibility(level);
            out.println("schema compatibility: " + level + " for every subject without a level of its own");
        }
        levels.subjects().forEach((subject, text) -> {
            String level = CompatibilityLevel.parse(text).name();
            registry.setCompatibility(subject, level);
            out.println("schema compatibility: " + level + " for " + subject);
        });
        out.flush();
    }
}
