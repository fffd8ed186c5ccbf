package io.driftwatch.engine.process;

import io.driftwatch.engine.merge.MergePolicies;
import io.driftwatch.engine.merge.SourceSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables merge across regions and how: the {@code merge} section of the config, as parsed
 * YAML, and the columns each merged table has at the source (from the registry), against which
 * the section is validated.
 */
public record MergeSettings(Map<String, Object> config, Map<String, List<String>> columns) implements Serializable {
    public MergeSettings {
        config = new LinkedHashMap<>(config);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        columns.forEach((table, names) -> copy.put(table, new ArrayList<>(names)));
        columns = copy;
    }

    /** The policies, validated; a {@link io.driftwatch.engine.merge.MergeConfigException} names a bad key. */
    public MergePolicies policies() {
        return MergePolicies.parse(config, SourceSchema.of(columns));
    }

    /** The merged tables, {@code schema.table}. */
    public Set<String> tables() {
        Object tables = config.get("tables");
        return tables instanceof Map<?, ?> m ? new TreeSet<>(m.keySet().stream().map(Object::toString).toList()) : Set.of();
    }
}
