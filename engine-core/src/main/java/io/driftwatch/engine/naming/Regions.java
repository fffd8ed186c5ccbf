package io.driftwatch.engine.naming;

import java.util.Comparator;
import java.util.List;

/** The regions of GlobalMart's deployment, primary first. */
public final class Regions {
    public static final String PRIMARY = "us-east-1";
    public static final String SECONDARY = "eu-west-1";
    public static final List<String> ALL = List.of(PRIMARY, SECONDARY);

    /** Orders the known regions as in {@link #ALL}, then any others by name. */
    public static final Comparator<String> PRIMARY_FIRST = Comparator
            .comparingInt((String r) -> ALL.contains(r) ? ALL.indexOf(r) : ALL.size())
            .thenComparing(Comparator.naturalOrder());

    private Regions() {}

    /** The first {@code count} regions; a stack holds one or two. */
    public static List<String> first(int count) {
        if (count < 1 || count > ALL.size()) {
            throw new IllegalArgumentException("regions must be 1 or 2, was " + count);
        }
        return ALL.subList(0, count);
    }
}
