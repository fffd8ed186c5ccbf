package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a script of steps across three regions and records the changes their captures emit,
 * exactly as docs/CAUSALITY.md describes: each region keeps the row's vector of everything it has
 * seen, increments its own entry on each local change and stamps the result; a sync delivers
 * everything one region has seen to another (the mirrored topics), merging vectors and feeding
 * the hybrid clock. The wall clock wanders, backwards too.
 *
 * <p>Why a simulation rather than random vectors: the row laws are about changes real captures
 * can produce — one dot, one change; vectors that only contain events that exist.
 */
final class RegionSimulation {
    static final List<String> REGIONS = List.of("ap-south-1", "eu-west-1", "us-east-1");

    /**
     * One step: region {@code region} either writes (action 0..6, {@code columns} a bitmask of
     * which columns, {@code value} drives the values) or receives a sync from another region
     * (action 7..9).
     */
    record Step(int region, int action, int columns, int value) {
    }

    private final ManualWallClock wall = new ManualWallClock(1_700_000_000_000L);
    private final Map<String, VersionVector> seen = new LinkedHashMap<>();
    private final Map<String, HybridClock> clocks = new LinkedHashMap<>();
    private final boolean causalChain;
    private final List<Change> changes = new ArrayList<>();
    private long stockSoFar;

    private RegionSimulation(boolean causalChain) {
        this.causalChain = causalChain;
        for (String region : REGIONS) {
            seen.put(region, VersionVector.empty());
            clocks.put(region, new HybridClock(region, wall));
        }
    }

    /** The changes the script produces, in the order they were made. */
    static List<Change> play(List<Step> script) {
        RegionSimulation simulation = new RegionSimulation(false);
        script.forEach(simulation::step);
        return List.copyOf(simulation.changes);
    }

    /**
     * Like {@link #play}, but every writer has first seen every earlier change (one causal chain),
     * and stock never goes below zero at the source — as a CHECK constraint would ensure.
     */
    static List<Change> playCausalChain(List<Step> script) {
        RegionSimulation simulation = new RegionSimulation(true);
        script.forEach(simulation::step);
        return List.copyOf(simulation.changes);
    }

    private void step(Step step) {
        wall.advance((step.value() % 4) - 1); // -1..+2 ms: ties and backward jumps
        String region = REGIONS.get(step.region() % REGIONS.size());
        if (step.action() >= 7) {
            String from = REGIONS.get((step.region() + 1 + step.action() % 2) % REGIONS.size());
            sync(from, region);
        } else {
            if (causalChain) {
                for (String other : REGIONS) {
                    sync(other, region);
                }
            }
            write(region, step);
        }
    }

    private void sync(String from, String to) {
        seen.put(to, seen.get(to).merge(seen.get(from)));
        clocks.get(to).receive(clocks.get(from).last());
    }

    private void write(String region, Step step) {
        VersionVector vector = seen.get(region).increment(region);
        seen.put(region, vector);
        HybridTimestamp timestamp = clocks.get(region).now();
        int v = step.value();
        int mask = step.columns() == 0 ? 1 : step.columns();
        Map<String, ColumnEdit> edits = new LinkedHashMap<>();
        if ((mask & 1) != 0) {
            edits.put(Inventory.NAME, new ColumnEdit.Assign("name-" + v % 5));
        }
        if ((mask & 2) != 0) {
            edits.put(Inventory.PRICE, new ColumnEdit.Assign((long) (v % 7)));
        }
        if ((mask & 4) != 0) {
            edits.put(Inventory.FIRST_SEEN, new ColumnEdit.Assign((long) (v % 9)));
        }
        if ((mask & 8) != 0) {
            long delta = (v % 11) - 5;
            if (causalChain && stockSoFar + delta < 0) {
                delta = -stockSoFar;
            }
            stockSoFar += delta;
            edits.put(Inventory.STOCK, new ColumnEdit.CounterDelta(delta));
        }
        if ((mask & 16) != 0) {
            String tag = "tag-" + (v / 2) % 4;
            edits.put(Inventory.TAGS, v % 2 == 0 ? ColumnEdit.SetEdit.adding(tag) : ColumnEdit.SetEdit.removing(tag));
        }
        if ((mask & 32) != 0) {
            edits.put(Inventory.APPROVED, new ColumnEdit.Assign(10L * (v % 3)));
        }
        if ((mask & 64) != 0) {
            edits.put(Inventory.NOTE, new ColumnEdit.Assign(v % 3 == 0 ? null : "note-" + v % 2));
        }
        changes.add(new Change(Inventory.TABLE, Inventory.KEY, region, vector, timestamp, edits));
    }
}
