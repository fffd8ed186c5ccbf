package io.driftwatch.engine.merge;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Positive-negative counter: each region's increments (P) and decrements (N) are tracked
 * separately; the value is ΣP − ΣN. Each delta is identified by the {@link Dot} of the change
 * that made it, so a delta delivered twice counts once, and deltas may arrive in any order.
 *
 * <p>Why dots and not the textbook max-of-totals: changes carry <em>deltas</em> (what a sale did
 * to stock), and a delta from us-east-1 can reach the merge after a change from eu-west-1 that
 * had already seen it. The textbook counter would need every change to carry its region's running
 * totals; this one needs only the delta and the change's dot.
 *
 * <p>Why it stays small: per region, deltas of the unbroken run of dots 1..{@code through} are
 * folded into two sums; only deltas that arrived ahead of a gap wait in {@code pending}. With
 * in-order delivery {@code pending} is always empty, and the folded part merges by the textbook
 * pointwise maximum.
 *
 * <p>Precondition for the laws: one dot, one delta (a region never reuses a dot for a different
 * delta). Every change to the row must be recorded here — with delta 0 when it did not touch the
 * counter — so that the run of dots has no gaps; {@link RowMerger} does that.
 */
public record PnCounter(SortedMap<String, Tally> tallies) implements java.io.Serializable {

    /**
     * One region's contribution: {@code plus} and {@code minus} (both non-negative) sum the deltas
     * of dots 1..{@code through}; {@code pending} holds deltas of later dots that arrived early.
     */
    public record Tally(long through, long plus, long minus, SortedMap<Long, Long> pending) implements java.io.Serializable {
        public Tally {
            Objects.requireNonNull(pending, "pending");
            if (through < 0 || plus < 0 || minus < 0) {
                throw new IllegalArgumentException("tally parts must not be negative: " + through + "/" + plus + "/" + minus);
            }
            TreeMap<Long, Long> waiting = new TreeMap<>(pending.tailMap(through + 1));
            // Fold the run of dots that has become unbroken.
            while (!waiting.isEmpty() && waiting.firstKey() == through + 1) {
                long delta = waiting.pollFirstEntry().getValue();
                through++;
                if (delta >= 0) {
                    plus = Math.addExact(plus, delta);
                } else {
                    minus = Math.addExact(minus, Math.negateExact(delta));
                }
            }
            pending = Collections.unmodifiableSortedMap(waiting);
        }

        static final Tally NONE = new Tally(0, 0, 0, new TreeMap<>());

        /** Net contribution: folded plus pending. */
        public long net() {
            long net = Math.subtractExact(plus, minus);
            for (long delta : pending.values()) {
                net = Math.addExact(net, delta);
            }
            return net;
        }

        /** The highest dot counter recorded (folded or pending). */
        public long highest() {
            return pending.isEmpty() ? through : pending.lastKey();
        }

        boolean has(long counter) {
            return counter <= through || pending.containsKey(counter);
        }

        Tally record(long counter, long delta) {
            if (has(counter)) {
                return this;
            }
            TreeMap<Long, Long> next = new TreeMap<>(pending);
            next.put(counter, delta);
            return new Tally(through, plus, minus, next);
        }

        Tally merge(Tally other) {
            if (equals(other)) {
                return this;
            }
            Tally ahead = through >= other.through ? this : other;
            Tally behind = ahead == this ? other : this;
            long plus = ahead.plus;
            long minus = ahead.minus;
            if (through == other.through) {
                // Equal runs hold equal sums under the one-dot-one-delta precondition; max keeps
                // merge commutative even if that is violated.
                plus = Math.max(this.plus, other.plus);
                minus = Math.max(this.minus, other.minus);
            }
            TreeMap<Long, Long> waiting = new TreeMap<>(ahead.pending);
            behind.pending.forEach((counter, delta) -> waiting.merge(counter, delta, Math::max));
            return new Tally(ahead.through, plus, minus, waiting);
        }
    }

    public PnCounter {
        Objects.requireNonNull(tallies, "tallies");
        TreeMap<String, Tally> copy = new TreeMap<>();
        tallies.forEach((region, tally) -> {
            if (!Objects.requireNonNull(tally, "tally").equals(Tally.NONE)) {
                copy.put(Objects.requireNonNull(region, "region"), tally);
            }
        });
        tallies = Collections.unmodifiableSortedMap(copy);
    }

    public static PnCounter zero() {
        return new PnCounter(new TreeMap<>());
    }

    /** A local change in {@code region}: takes the region's next dot. */
    public PnCounter add(String region, long delta) {
        return add(new Dot(region, tally(region).highest() + 1), delta);
    }

    /** Records the delta of the change {@code dot}; a dot already recorded is ignored. */
    public PnCounter add(Dot dot, long delta) {
        Tally before = tally(dot.region());
        Tally after = before.record(dot.counter(), delta);
        if (after == before) {
            return this;
        }
        TreeMap<String, Tally> next = new TreeMap<>(tallies);
        next.put(dot.region(), after);
        return new PnCounter(next);
    }

    public PnCounter merge(PnCounter other) {
        if (other.tallies.equals(tallies)) {
            return this;
        }
        TreeMap<String, Tally> next = new TreeMap<>(tallies);
        other.tallies.forEach((region, tally) -> next.merge(region, tally, Tally::merge));
        return new PnCounter(next);
    }

    /** ΣP − ΣN over every region. */
    public long value() {
        long value = 0;
        for (Tally tally : tallies.values()) {
            value = Math.addExact(value, tally.net());
        }
        return value;
    }

    /** What {@code region}'s changes added up to (its P − N). */
    public long contribution(String region) {
        return tally(region).net();
    }

    /** Sum of {@code region}'s positive deltas (including ones still pending). */
    public long plus(String region) {
        Tally t = tally(region);
        long sum = t.plus();
        for (long delta : t.pending().values()) {
            if (delta > 0) {
                sum = Math.addExact(sum, delta);
            }
        }
        return sum;
    }

    /** Sum of {@code region}'s negative deltas as a non-negative number. */
    public long minus(String region) {
        Tally t = tally(region);
        long sum = t.minus();
        for (long delta : t.pending().values()) {
            if (delta < 0) {
                sum = Math.addExact(sum, Math.negateExact(delta));
            }
        }
        return sum;
    }

    public SortedSet<String> regions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(tallies.keySet()));
    }

    private Tally tally(String region) {
        return tallies.getOrDefault(region, Tally.NONE);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PnCounter[").append(value());
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            out.append(", ").append(e.getKey()).append(" +").append(plus(e.getKey())).append(" -").append(minus(e.getKey()));
        }
        return out.append(']').toString();
    }
}
