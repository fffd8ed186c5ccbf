package io.driftwatch.engine.merge;

import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector: for each region, how many of that region's events (changes to one row) are
 * known. Immutable; zero entries are dropped and entries are sorted by region id, so equal
 * vectors have equal {@link #entries()} and one canonical binary form
 * ({@link VersionVectorCodec}).
 *
 * <p>Why: invariant 3 — causality decides. {@link #compare} answers exactly one of
 * {@link Causality}; {@link #merge} is the pointwise maximum, the least upper bound of the
 * partial order, which makes it commutative, associative and idempotent.
 */
public record VersionVector(SortedMap<String, Long> entries) implements java.io.Serializable {

    private static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

    /**
     * A total order used only to make listings and tie-breaks deterministic (lexicographic over
     * the sorted entries). It says nothing about causality; use {@link #compare} for that.
     */
    public static final Comparator<VersionVector> CANONICAL_ORDER = VersionVector::canonicalCompare;

    public VersionVector {
        Objects.requireNonNull(entries, "entries");
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            String region = Objects.requireNonNull(e.getKey(), "region id");
            long counter = Objects.requireNonNull(e.getValue(), "counter of " + region);
            if (region.isEmpty()) {
                throw new IllegalArgumentException("a version vector region id must not be empty");
            }
            if (counter < 0) {
                throw new IllegalArgumentException("version vector counter for " + region + " is negative: " + counter);
            }
            if (counter > 0) {
                copy.put(region, counter);
            }
        }
        entries = Collections.unmodifiableSortedMap(copy);
    }

    public static VersionVector empty() {
        return EMPTY;
    }

    public static VersionVector of(Map<String, Long> entries) {
        return new VersionVector(new TreeMap<>(entries));
    }

    /** {@code of("us", 2, "eu", 1)}: alternating region ids and counters, for tests and examples. */
    public static VersionVector of(Object... regionsAndCounters) {
        if (regionsAndCounters.length % 2 != 0) {
            throw new IllegalArgumentException("expected region/counter pairs");
        }
        TreeMap<String, Long> map = new TreeMap<>();
        for (int i = 0; i < regionsAndCounters.length; i += 2) {
            map.put((String) regionsAndCounters[i], ((Number) regionsAndCounters[i + 1]).longValue());
        }
        return new VersionVector(map);
    }

    /** The vector that has seen exactly the events up to and including {@code dot}'s replica counter. */
    public static VersionVector of(Dot dot) {
        TreeMap<String, Long> map = new TreeMap<>();
        map.put(dot.region(), dot.counter());
        return new VersionVector(map);
    }

    public long get(String region) {
        return entries.getOrDefault(region, 0L);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True if the event {@code dot} is in this vector's causal past (or is its own latest event). */
    public boolean contains(Dot dot) {
        return get(dot.region()) >= dot.counter();
    }

    /** The event a change stamped with this vector by {@code region} is: its own latest dot. */
    public Dot dot(String region) {
        return new Dot(region, get(region));
    }

    /** This vector plus one more event from {@code region}. */
    public VersionVector increment(String region) {
        TreeMap<String, Long> map = new TreeMap<>(entries);
        map.merge(region, 1L, Math::addExact);
        return new VersionVector(map);
    }

    /** Pointwise maximum: everything either side has seen. */
    public VersionVector merge(VersionVector other) {
        Causality c = compare(other);
        if (c == Causality.AFTER || c == Causality.EQUAL) {
            return this;
        }
        if (c == Causality.BEFORE) {
            return other;
        }
        TreeMap<String, Long> map = new TreeMap<>(entries);
        other.entries.forEach((region, counter) -> map.merge(region, counter, Math::max));
        return new VersionVector(map);
    }

    /** Exactly one of BEFORE, AFTER, EQUAL, CONCURRENT. */
    public Causality compare(VersionVector other) {
        boolean less = false;
        boolean greater = false;
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            long theirs = other.get(e.getKey());
            if (e.getValue() > theirs) {
                greater = true;
            } else if (e.getValue() < theirs) {
                less = true;
            }
        }
        for (Map.Entry<String, Long> e : other.entries.entrySet()) {
            if (!entries.containsKey(e.getKey())) {
                less = true; // they have a positive entry we lack
            }
        }
        if (less && greater) {
            return Causality.CONCURRENT;
        }
        if (less) {
            return Causality.BEFORE;
        }
        return greater ? Causality.AFTER : Causality.EQUAL;
    }

    /** This vector has seen everything {@code other} has (AFTER or EQUAL). */
    public boolean dominatesOrEquals(VersionVector other) {
        Causality c = compare(other);
        return c == Causality.AFTER || c == Causality.EQUAL;
    }

    private static int canonicalCompare(VersionVector a, VersionVector b) {
        Iterator<Map.Entry<String, Long>> left = a.entries.entrySet().iterator();
        Iterator<Map.Entry<String, Long>> right = b.entries.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, Long> l = left.next();
            Map.Entry<String, Long> r = right.next();
            int byRegion = l.getKey().compareTo(r.getKey());
            if (byRegion != 0) {
                return byRegion;
            }
            int byCounter = Long.compare(l.getValue(), r.getValue());
            if (byCounter != 0) {
                return byCounter;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        entries.forEach((region, counter) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(region).append(':').append(counter);
        });
        return out.append(']').toString();
    }
}
