package io.driftwatch.engine.merge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Add-wins observed-remove set. Every add tags the element with the {@link Dot} of the change
 * that added it; a remove takes away only the tags it has <em>observed</em> (those inside the
 * remover's version vector). An add concurrent with a remove therefore survives: add wins.
 *
 * <p>Why removal contexts are kept per element ({@code removed}: element → vector of everything
 * removals of it had seen): changes may arrive in any order. If a remove arrives before the add
 * it observed, the add must not come back to life when it arrives; the vector remembers that.
 * Tags covered by that vector are dropped as soon as they are known, so a state holds only live
 * tags plus one vector per element ever removed.
 *
 * <p>Merge is the union of tags and the pointwise maximum of removal vectors, then the covered
 * tags are dropped — commutative, associative and idempotent for any inputs. {@code clock} is
 * the maximum dot ever added per region, so local adds can take fresh dots.
 */
public record OrSet<E>(Map<E, Set<Dot>> tags, Map<E, VersionVector> removed, VersionVector clock) implements java.io.Serializable {

    public OrSet {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(removed, "removed");
        Objects.requireNonNull(clock, "clock");
        Map<E, VersionVector> removals = new HashMap<>();
        removed.forEach((element, vector) -> {
            if (!vector.isEmpty()) {
                removals.put(element, vector); // an empty context removes nothing
            }
        });
        Map<E, Set<Dot>> live = new HashMap<>();
        tags.forEach((element, dots) -> {
            VersionVector context = removals.getOrDefault(element, VersionVector.empty());
            Set<Dot> alive = new HashSet<>();
            for (Dot dot : dots) {
                if (!context.contains(dot)) {
                    alive.add(dot);
                }
            }
            if (!alive.isEmpty()) {
                live.put(element, Set.copyOf(alive));
            }
        });
        tags = Map.copyOf(live);
        removed = Map.copyOf(removals);
    }

    public static <E> OrSet<E> empty() {
        return new OrSet<>(Map.of(), Map.of(), VersionVector.empty());
    }

    /** A local add in {@code region}: takes the region's next dot. */
    public OrSet<E> add(String region, E element) {
        return add(new Dot(region, clock.get(region) + 1), element);
    }

    /** Adds {@code element} tagged with the change {@code dot}. */
    public OrSet<E> add(Dot dot, E element) {
        Objects.requireNonNull(element, "set elements must not be null");
        Map<E, Set<Dot>> nextTags = new HashMap<>(tags);
        Set<Dot> dots = new HashSet<>(tags.getOrDefault(element, Set.of()));
        dots.add(dot);
        nextTags.put(element, dots);
        return new OrSet<>(nextTags, removed, clock.merge(VersionVector.of(dot)));
    }

    /** A local remove: takes away the tags of {@code element} this replica holds. */
    public OrSet<E> remove(E element) {
        VersionVector observed = VersionVector.empty();
        for (Dot dot : tags.getOrDefault(element, Set.of())) {
            observed = observed.merge(VersionVector.of(dot));
        }
        return observed.isEmpty() ? this : remove(element, observed);
    }

    /** Removes every tag of {@code element} inside {@code observed} — what the remover had seen. */
    public OrSet<E> remove(E element, VersionVector observed) {
        Objects.requireNonNull(element, "set elements must not be null");
        Map<E, VersionVector> nextRemoved = new HashMap<>(removed);
        nextRemoved.merge(element, observed, VersionVector::merge);
        return new OrSet<>(tags, nextRemoved, clock);
    }

    public OrSet<E> merge(OrSet<E> other) {
        if (other.equals(this)) {
            return this;
        }
        Map<E, Set<Dot>> nextTags = new HashMap<>(tags);
        other.tags.forEach((element, dots) -> nextTags.merge(element, dots, (a, b) -> {
            Set<Dot> union = new HashSet<>(a);
            union.addAll(b);
            return union;
        }));
        Map<E, VersionVector> nextRemoved = new HashMap<>(removed);
        other.removed.forEach((element, vector) -> nextRemoved.merge(element, vector, VersionVector::merge));
        return new OrSet<>(nextTags, nextRemoved, clock.merge(other.clock));
    }

    public Set<E> elements() {
        return tags.keySet();
    }

    public boolean contains(E element) {
        return tags.containsKey(element);
    }
}
