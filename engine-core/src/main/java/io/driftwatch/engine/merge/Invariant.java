package io.driftwatch.engine.merge;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A rule a merged column value must keep; breaking it after a merge is a conflict.
 *
 * <p>Why invariants are only allowed on {@code counter} columns: every other policy's merge
 * result is a value some region actually wrote, and that region's database already enforced its
 * constraints. Only a counter's merge computes a value nobody wrote — the sum of concurrent
 * sales — which is how inventory goes below zero without any region ever seeing it (overselling).
 */
public enum Invariant {
    /** The value is never below zero (e.g. stock). */
    NON_NEGATIVE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean holds(long value) {
        return switch (this) {
            case NON_NEGATIVE -> value >= 0;
        };
    }

    public boolean appliesTo(ColumnPolicy policy) {
        return policy == ColumnPolicy.COUNTER;
    }

    public static Invariant parse(String name) {
        if (name != null) {
            for (Invariant invariant : values()) {
                if (invariant.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return invariant;
                }
            }
        }
        throw new IllegalArgumentException("unknown invariant '" + name + "'; valid invariants: " + validNames());
    }

    static String validNames() {
        return Arrays.stream(values()).map(Invariant::configName).collect(Collectors.joining(", "));
    }
}
