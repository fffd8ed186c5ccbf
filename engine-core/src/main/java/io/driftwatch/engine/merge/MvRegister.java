package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Multi-value register: keeps every write that no other write has seen (the concurrent
 * frontier). A write whose vector dominates all siblings collapses them into one; concurrent
 * writes stay side by side as siblings.
 *
 * <p>Why: it is how "causality decides" becomes a join. The row merge stores every register-like
 * column ({@code lww}, {@code max}, {@code min}, {@code manual}) as one of these and only then
 * applies the column's policy to the frontier — so a causally later write always replaces, even
 * if its clock is behind, and concurrent writes are resolved by policy. For {@code manual}
 * columns more than one distinct sibling value is an unresolved conflict.
 *
 * <p>Merge is the union with dominated writes removed, which is commutative, associative and
 * idempotent for any inputs. With writes from n regions there are at most n siblings, because
 * each region's writes to a row are causally ordered.
 */
public record MvRegister<T>(Set<Versioned<T>> versions) implements java.io.Serializable {

    public MvRegister {
        Objects.requireNonNull(versions, "versions");
        versions = Set.copyOf(frontier(versions));
    }

    public static <T> MvRegister<T> empty() {
        return new MvRegister<>(Set.of());
    }

    public static <T> MvRegister<T> of(Versioned<T> version) {
        return new MvRegister<>(Set.of(version));
    }

    /** Adds one write; writes it has seen disappear, and it disappears if a sibling has seen it. */
    public MvRegister<T> write(Versioned<T> version) {
        return merge(of(version));
    }

    /**
     * A local write by {@code region} that has seen every sibling: its vector is the siblings'
     * merged vector plus one event of {@code region}, so it replaces them all.
     */
    public MvRegister<T> assign(String region, T value, HybridTimestamp timestamp) {
        return of(new Versioned<>(value, vector().increment(region), timestamp));
    }

    public MvRegister<T> merge(MvRegister<T> other) {
        if (other.versions.equals(versions)) {
            return this;
        }
        Set<Versioned<T>> union = new HashSet<>(versions);
        union.addAll(other.versions);
        return new MvRegister<>(union);
    }

    /** The siblings, oldest timestamp first. */
    public List<Versioned<T>> siblings() {
        List<Versioned<T>> sorted = new ArrayList<>(versions);
        sorted.sort(Versioned.BY_TIMESTAMP);
        return List.copyOf(sorted);
    }

    /** The distinct sibling values, in sibling order ({@code null} included if written). */
    public List<T> values() {
        Set<T> distinct = new LinkedHashSet<>();
        for (Versioned<T> sibling : siblings()) {
            distinct.add(sibling.value());
        }
        return Collections.unmodifiableList(new ArrayList<>(distinct));
    }

    /** More than one distinct concurrent value: someone has to decide. */
    public boolean isConflicted() {
        return values().size() > 1;
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /** Everything the siblings have seen together. */
    public VersionVector vector() {
        VersionVector merged = VersionVector.empty();
        for (Versioned<T> v : versions) {
            merged = merged.merge(v.vector());
        }
        return merged;
    }

    private static <T> List<Versioned<T>> frontier(Set<Versioned<T>> versions) {
        List<Versioned<T>> kept = new ArrayList<>(versions.size());
        for (Versioned<T> candidate : versions) {
            boolean seenByAnother = false;
            for (Versioned<T> other : versions) {
                if (other != candidate && candidate.vector().compare(other.vector()) == Causality.BEFORE) {
                    seenByAnother = true;
                    break;
                }
            }
            if (!seenByAnother) {
                kept.add(Objects.requireNonNull(candidate, "version"));
            }
        }
        return kept;
    }
}
