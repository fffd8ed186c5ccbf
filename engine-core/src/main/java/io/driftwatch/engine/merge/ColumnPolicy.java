package io.driftwatch.engine.merge;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How concurrent changes to one column are merged. Causal order is always respected first: a
 * change that has seen another replaces it whatever the policy; the policy only decides between
 * changes that have not seen each other.
 */
public enum ColumnPolicy {
    /** Last writer wins by hybrid timestamp, region id breaking ties. The default, for non-critical fields. */
    LWW,
    /** PN-counter: changes carry deltas; each region's contribution is kept; the view shows the sum. */
    COUNTER,
    /** Add-wins observed-remove set, for array columns: changes carry added and removed elements. */
    SET,
    /** The greatest of the concurrent values. */
    MAX,
    /** The least of the concurrent values. */
    MIN,
    /** Critical fields: concurrent different values become a conflict an operator resolves. */
    MANUAL;

    /** The name used in configuration: {@code lww}, {@code counter}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the policies whose column holds one value per write (the register family). */
    public boolean isRegister() {
        return this == LWW || this == MAX || this == MIN || this == MANUAL;
    }

    /** Parses a configuration name (case-insensitive). */
    public static ColumnPolicy parse(String name) {
        if (name != null) {
            for (ColumnPolicy policy : values()) {
                if (policy.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("unknown merge policy '" + name + "'; valid policies: " + validNames());
    }

    static String validNames() {
        return Arrays.stream(values()).map(ColumnPolicy::configName).collect(Collectors.joining(", "));
    }
}
