package io.driftwatch.engine.merge;

import java.util.Objects;

/**
 * A hybrid logical clock (Kulkarni et al., 2014) for one region: readings stay close to wall
 * time, never go backwards, and a reading taken after receiving a remote timestamp is greater
 * than it. So if change A happened before change B (B's region had seen A), then
 * {@code hlc(A) < hlc(B)} — the property last-writer-wins relies on.
 *
 * <p>Why a mutable class in a package of values: a clock is state by nature (its last reading).
 * It stays pure in the sense that matters: no I/O, and time comes only from the injected
 * {@link WallClock}. Methods are {@code synchronized} (not {@code java.util.concurrent}, which
 * the pure packages do not use) so a console thread and an operator may share one.
 *
 * <p>Why the wall clock may jump backwards safely: the physical part is the maximum of what was
 * already issued and the wall; if the wall lags, the logical counter advances instead.
 */
public final class HybridClock {
    private final String region;
    private final WallClock wall;
    private long physical;
    private int logical;

    public HybridClock(String region, WallClock wall) {
        this(region, wall, new HybridTimestamp(0, 0, region));
    }

    /** Resumes after a restart from the last timestamp this region issued (kept in checkpointed state). */
    public HybridClock(String region, WallClock wall, HybridTimestamp last) {
        this.region = Objects.requireNonNull(region, "region");
        this.wall = Objects.requireNonNull(wall, "wall");
        if (region.isEmpty()) {
            throw new IllegalArgumentException("a clock needs a non-empty region id");
        }
        this.physical = last.physicalMillis();
        this.logical = last.logical();
    }

    public String region() {
        return region;
    }

    /** A reading for a local event (a change captured in this region). */
    public synchronized HybridTimestamp now() {
        long pt = wall.millis();
        if (pt > physical) {
            physical = pt;
            logical = 0;
        } else {
            tick();
        }
        return last();
    }

    /**
     * A reading for receiving {@code remote} (a change from another region reached us): greater
     * than both our last reading and {@code remote}.
     */
    public synchronized HybridTimestamp receive(HybridTimestamp remote) {
        long pt = wall.millis();
        long previous = physical;
        long next = Math.max(Math.max(previous, remote.physicalMillis()), pt);
        if (next == previous && next == remote.physicalMillis()) {
            logical = Math.max(logical, remote.logical());
            tick();
        } else if (next == previous) {
            tick();
        } else if (next == remote.physicalMillis()) {
            physical = next;
            logical = remote.logical();
            tick();
        } else {
            physical = next;
            logical = 0;
        }
        return last();
    }

    /** The last reading issued, without issuing a new one. */
    public synchronized HybridTimestamp last() {
        return new HybridTimestamp(physical, logical, region);
    }

    /**
     * Advances the logical counter. Why the overflow branch: rather than wrap (which would break
     * monotonicity) the clock borrows one millisecond from the future; readings stay ordered and
     * the wall catches up.
     */
    private void tick() {
        if (logical == Integer.MAX_VALUE) {
            physical = Math.addExact(physical, 1);
            logical = 0;
        } else {
            logical++;
        }
    }
}
