package io.driftwatch.engine.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A subject's compatibility level, with the names and meaning the Confluent Schema Registry gives
 * them: which readers must keep working when a new schema version is registered.
 *
 * <p>Why spelled out as two directions and a transitive flag instead of seven cases in every
 * caller: the checker only ever asks "must the new schema read old data?", "must old schemas read
 * new data?" and "against the latest version or against all of them?". Keeping those answers here
 * means a level's meaning is written down once.
 */
public enum CompatibilityLevel {
    /** Consumers upgraded to the new schema can read data written with the latest version. */
    BACKWARD(true, false, false),
    /** Consumers upgraded to the new schema can read data written with every earlier version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Consumers still on the latest version can read data written with the new schema. */
    FORWARD(false, true, false),
    /** Consumers on any earlier version can read data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD, against the latest version. */
    FULL(true, true, false),
    /** Both BACKWARD and FORWARD, against every earlier version. */
    FULL_TRANSITIVE(true, true, true),
    /** No check: every schema is accepted. */
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema, as reader, must decode data written with previous versions. */
    public boolean backward() {
        return backward;
    }

    /** Previous versions, as readers, must decode data written with the new schema. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every previous version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** One sentence for people: what this level promises. */
    public String meaning() {
        String against = transitive ? "every earlier version" : "the latest version";
        return switch (this) {
            case BACKWARD, BACKWARD_TRANSITIVE -> "consumers upgraded to the new schema can read data written with " + against;
            case FORWARD, FORWARD_TRANSITIVE -> "consumers still on " + against + " can read data written with the new schema";
            case FULL, FULL_TRANSITIVE -> "the new schema and " + against + " can each read data written with the other";
            case NONE -> "no check: every schema is accepted";
        };
    }

    /**
     * Parses a level as registries and people write it: case does not matter and {@code -} may
     * stand for {@code _} ({@code full-transitive}).
     *
     * @throws IllegalArgumentException naming the valid levels
     */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(normalized)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("unknown compatibility level '" + text + "'; valid levels: " + validNames());
    }

    /** The valid names, comma-separated, for error messages and help. */
    public static String validNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
