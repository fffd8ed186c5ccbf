package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * The identity of one event: the replica (region) that produced it and that replica's counter
 * at the time, e.g. {@code us-east-1:7} is the seventh change us-east-1 made to a row.
 *
 * <p>Why dots: a version vector says what an event has <em>seen</em>; a dot says which event it
 * <em>is</em>. Counters and sets need the latter so that a delta delivered twice, or late, is
 * counted exactly once.
 */
public record Dot(String region, long counter) implements java.io.Serializable, Comparable<Dot> {
    public Dot {
        Objects.requireNonNull(region, "region");
        if (region.isEmpty()) {
            throw new IllegalArgumentException("a dot needs a non-empty region id");
        }
        if (counter < 1) {
            throw new IllegalArgumentException("a dot counter starts at 1, got " + counter + " for " + region);
        }
    }

    @Override
    public int compareTo(Dot other) {
        int byRegion = region.compareTo(other.region);
        return byRegion != 0 ? byRegion : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return region + ":" + counter;
    }
}
