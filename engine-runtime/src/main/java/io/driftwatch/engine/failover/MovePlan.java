package io.driftwatch.engine.failover;

import io.driftwatch.engine.process.JobSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A move of processing from one region to another, decided before anything is stopped: whether
 * it is a failover or a failback, and where each source partition resumes (per data region, by
 * {@link JobSettings.Sourcing#key}), with how many partitions each method placed. Pure: the
 * regions and the placements in, the plan out.
 */
public record MovePlan(String kind, String from, String to, String trigger, Map<String, Map<String, Long>> offsets,
                       Map<String, Integer> methods) {

    public MovePlan {
        offsets = Map.copyOf(offsets);
        methods = Map.copyOf(methods);
    }

    /** Whether a move from {@code from} to {@code to} may happen, and what kind it is; fails with the reason otherwise. */
    public static String kind(String from, String to, String primary, Set<String> regions) {
        if (!regions.contains(to)) {
            throw new IllegalArgumentException("unknown region '" + to + "'; known: " + new java.util.TreeSet<>(regions));
        }
        if (from.equals(to)) {
            throw new IllegalStateException("processing already runs in " + to);
        }
        return to.equals(primary) ? "failback" : "failover";
    }

    /** The plan that resumes every placed partition where its placement says. */
    public static MovePlan of(String from, String to, String primary, Set<String> regions, String trigger, List<Placement> placements) {
        String kind = kind(from, to, primary, regions);
        Map<String, Map<String, Long>> offsets = new HashMap<>();
        Map<String, Integer> methods = new TreeMap<>();
        for (Placement p : placements) {
            offsets.computeIfAbsent(p.dataRegion(), r -> new HashMap<>()).put(JobSettings.Sourcing.key(p.topic(), p.partition()), p.offset());
            methods.merge(p.method().name(), 1, Integer::sum);
        }
        offsets.replaceAll((region, byPartition) -> Map.copyOf(byPartition));
        return new MovePlan(kind, from, to, trigger, offsets, new TreeMap<>(methods));
    }

    /** Partitions the plan places. */
    public int partitions() {
        return methods.values().stream().mapToInt(Integer::intValue).sum();
    }
}
