package io.driftwatch.engine.merge;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The merge policy and invariants of every configured column, validated against the source
 * schema. Columns not configured merge by {@link ColumnPolicy#LWW}.
 *
 * <p>Configuration shape (the {@code merge} section of the engine config, already parsed into
 * maps and lists by the caller — this package reads no files):
 *
 * <pre>
 * tables:
 *   inventory:
 *     columns:
 *       stock: { policy: counter, invariants: [non_negative] }
 *       price: manual            # shorthand: just the policy
 *       tags: set
 * </pre>
 *
 * <p>Why validate against the schema: a typo ({@code stok}) would otherwise silently fall back
 * to {@code lww} and merge stock by last writer — exactly the overselling the config was meant to
 * catch. Every error is a {@link MergeConfigException} naming the key path.
 */
public final class MergePolicies {
    private final SortedMap<String, SortedMap<String, ColumnRule>> tables;

    private MergePolicies(SortedMap<String, SortedMap<String, ColumnRule>> tables) {
        TreeMap<String, SortedMap<String, ColumnRule>> copy = new TreeMap<>();
        tables.forEach((table, rules) -> copy.put(table, Collections.unmodifiableSortedMap(new TreeMap<>(rules))));
        this.tables = Collections.unmodifiableSortedMap(copy);
    }

    /** No configured columns: everything merges by last writer wins. */
    public static MergePolicies allLww() {
        return new MergePolicies(new TreeMap<>());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration shape above.
     *
     * @throws MergeConfigException naming the key path of the first problem found
     */
    public static MergePolicies parse(Map<String, ?> config, SourceSchema schema) {
        Objects.requireNonNull(schema, "schema");
        Builder builder = new Builder();
        if (config == null) {
            return builder.build(schema);
        }
        for (Map.Entry<String, ?> top : config.entrySet()) {
            if (!"tables".equals(top.getKey())) {
                throw new MergeConfigException(top.getKey(), "unknown key; expected: tables");
            }
        }
        Map<?, ?> tableSection = asMap(config.get("tables"), "tables", "a map of table name to table settings");
        for (Map.Entry<?, ?> tableEntry : tableSection.entrySet()) {
            String table = String.valueOf(tableEntry.getKey());
            String tablePath = "tables." + table;
            requireTable(schema, table, tablePath);
            Map<?, ?> tableSettings = asMap(tableEntry.getValue(), tablePath, "a map with key 'columns'");
            for (Object key : tableSettings.keySet()) {
                if (!"columns".equals(key)) {
                    throw new MergeConfigException(tablePath + "." + key, "unknown key; expected: columns");
                }
            }
            String columnsPath = tablePath + ".columns";
            Map<?, ?> columns = asMap(tableSettings.get("columns"), columnsPath, "a map of column name to policy");
            for (Map.Entry<?, ?> columnEntry : columns.entrySet()) {
                String column = String.valueOf(columnEntry.getKey());
                String columnPath = columnsPath + "." + column;
                requireColumn(schema, table, column, columnPath);
                builder.put(table, column, parseRule(columnEntry.getValue(), columnPath));
            }
        }
        return builder.build(schema);
    }

    public ColumnRule rule(String table, String column) {
        SortedMap<String, ColumnRule> rules = tables.get(table);
        return rules == null ? ColumnRule.DEFAULT : rules.getOrDefault(column, ColumnRule.DEFAULT);
    }

    public ColumnPolicy policy(String table, String column) {
        return rule(table, column).policy();
    }

    public Set<Invariant> invariants(String table, String column) {
        return rule(table, column).invariants();
    }

    /** The configured columns of {@code table} (unconfigured columns are {@code lww}). */
    public SortedMap<String, ColumnRule> rules(String table) {
        return tables.getOrDefault(table, Collections.emptySortedMap());
    }

    /** The configured columns of {@code table} with {@code policy}. */
    public SortedSet<String> columnsWith(String table, ColumnPolicy policy) {
        TreeSet<String> columns = new TreeSet<>();
        rules(table).forEach((column, rule) -> {
            if (rule.policy() == policy) {
                columns.add(column);
            }
        });
        return Collections.unmodifiableSortedSet(columns);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MergePolicies p && p.tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode();
    }

    @Override
    public String toString() {
        return "MergePolicies" + tables;
    }

    private static ColumnRule parseRule(Object value, String path) {
        if (value instanceof String policyName) {
            return new ColumnRule(parsePolicy(policyName, path), Set.of());
        }
        Map<?, ?> settings = asMap(value, path, "a policy name or a map with keys 'policy' and 'invariants'");
        for (Object key : settings.keySet()) {
            if (!"policy".equals(key) && !"invariants".equals(key)) {
                throw new MergeConfigException(path + "." + key, "unknown key; expected: policy, invariants");
            }
        }
        ColumnPolicy policy = ColumnPolicy.LWW;
        if (settings.containsKey("policy")) {
            Object name = settings.get("policy");
            if (!(name instanceof String)) {
                throw new MergeConfigException(path + ".policy", "expected a policy name (" + ColumnPolicy.validNames() + "), got " + describe(name));
            }
            policy = parsePolicy((String) name, path + ".policy");
        }
        Set<Invariant> invariants = EnumSet.noneOf(Invariant.class);
        Object declared = settings.get("invariants");
        List<?> names = declared == null ? List.of() : declared instanceof List<?> list ? list : List.of(declared);
        for (int i = 0; i < names.size(); i++) {
            String invariantPath = path + ".invariants[" + i + "]";
            Invariant invariant;
            try {
                invariant = Invariant.parse(names.get(i) instanceof String s ? s : null);
            } catch (IllegalArgumentException e) {
                throw new MergeConfigException(invariantPath, "unknown invariant '" + names.get(i) + "'; valid invariants: " + Invariant.validNames());
            }
            if (!invariant.appliesTo(policy)) {
                throw new MergeConfigException(invariantPath, "invariant " + invariant.configName()
                        + " needs policy counter (only a counter's merge computes a value no region wrote), but the column's policy is "
                        + policy.configName());
            }
            invariants.add(invariant);
        }
        return new ColumnRule(policy, invariants);
    }

    private static ColumnPolicy parsePolicy(String name, String path) {
        try {
            return ColumnPolicy.parse(name);
        } catch (IllegalArgumentException e) {
            throw new MergeConfigException(path, e.getMessage());
        }
    }

    private static void requireTable(SourceSchema schema, String table, String path) {
        if (!schema.hasTable(table)) {
            throw new MergeConfigException(path, "unknown table '" + table + "'; known tables: " + String.join(", ", schema.columnsByTable().keySet()));
        }
    }

    private static void requireColumn(SourceSchema schema, String table, String column, String path) {
        if (!schema.hasColumn(table, column)) {
            throw new MergeConfigException(path, "unknown column '" + column + "' of table " + table + "; known columns: " + String.join(", ", schema.columns(table)));
        }
    }

    private static Map<?, ?> asMap(Object value, String path, String expected) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new MergeConfigException(path, "expected " + expected + ", got " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " '" + value + "'";
    }

    /** Builds policies in code; {@link #build} applies the same validation as {@link #parse}. */
    public static final class Builder {
        private final SortedMap<String, SortedMap<String, ColumnRule>> tables = new TreeMap<>();

        private Builder() {
        }

        public Builder column(String table, String column, ColumnPolicy policy, Invariant... invariants) {
            return put(table, column, ColumnRule.of(policy, invariants));
        }

        Builder put(String table, String column, ColumnRule rule) {
            tables.computeIfAbsent(table, t -> new TreeMap<>()).put(column, rule);
            return this;
        }

        public MergePolicies build(SourceSchema schema) {
            tables.forEach((table, rules) -> {
                requireTable(schema, table, "tables." + table);
                rules.forEach((column, rule) -> {
                    String path = "tables." + table + ".columns." + column;
                    requireColumn(schema, table, column, path);
                    for (Invariant invariant : rule.invariants()) {
                        if (!invariant.appliesTo(rule.policy())) {
                            throw new MergeConfigException(path, "invariant " + invariant.configName()
                                    + " needs policy counter, but the column's policy is " + rule.policy().configName());
                        }
                    }
                });
            });
            return new MergePolicies(tables);
        }
    }
}
