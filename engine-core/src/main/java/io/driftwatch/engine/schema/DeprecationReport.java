package io.driftwatch.engine.schema;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.registry.SchemaVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields dropped at the source but still present in their subjects' latest schemas (kept so
 * consumers keep working), each with the version since which it is deprecated: what consumers
 * must stop reading before the field can really be removed.
 */
public final class DeprecationReport {
    /** One kept field. */
    public record Entry(String subject, String field, int sinceVersion, int latestVersion) {}

    private DeprecationReport() {}

    /** Every value subject whose name starts with {@code prefix} (all when null). */
    public static List<Entry> of(SchemaRegistryClient registry, String prefix) {
        List<Entry> entries = new ArrayList<>();
        for (String subject : registry.subjects().stream().sorted().toList()) {
            if (!subject.endsWith("-value") || (prefix != null && !subject.startsWith(prefix))) {
                continue;
            }
            SchemaVersion latest = registry.version(subject, "latest");
            DroppedFields.deprecated(latest.schema()).forEach((field, since) -> entries.add(new Entry(subject, field, since, latest.version())));
        }
        return entries;
    }
}
