package io.driftwatch.app.regions;

import io.driftwatch.engine.api.ReplicationLag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MirrorMaker 2's lag in one direction, summed over the partitions it copies, with the worst
 * partition named. Pure.
 *
 * @param worstMillis the largest time lag of a partition; -1 when a copy has no record yet
 */
public record ReplicationDirection(String from, String to, int partitions, long totalRecords, String worstPartition,
                                   long worstRecords, long worstMillis) {

    /** Worst first: most records behind, then longest behind. */
    static final Comparator<ReplicationLag> WORST_FIRST = Comparator.comparingLong(ReplicationLag::lagRecords).reversed()
            .thenComparing(Comparator.comparingLong(ReplicationLag::lagMillis).reversed())
            .thenComparing(ReplicationLag::topic).thenComparingInt(ReplicationLag::partition);

    /** One summary per direction, in the order the directions first appear. */
    public static List<ReplicationDirection> of(List<ReplicationLag> partitions) {
        Map<String, List<ReplicationLag>> byDirection = new LinkedHashMap<>();
        for (ReplicationLag lag : partitions) {
            byDirection.computeIfAbsent(lag.fromRegion() + "\u0000" + lag.toRegion(), k -> new ArrayList<>()).add(lag);
        }
        List<ReplicationDirection> out = new ArrayList<>();
        for (List<ReplicationLag> lags : byDirection.values()) {
            ReplicationLag worst = lags.stream().min(WORST_FIRST).orElseThrow();
            long total = lags.stream().mapToLong(ReplicationLag::lagRecords).sum();
            long worstMillis = lags.stream().anyMatch(l -> l.lagMillis() < 0) ? -1
                    : lags.stream().mapToLong(ReplicationLag::lagMillis).max().orElse(0);
            out.add(new ReplicationDirection(worst.fromRegion(), worst.toRegion(), lags.size(), total,
                    worst.topic() + "[" + worst.partition() + "]", worst.lagRecords(), worstMillis));
        }
        return out;
    }

    public String direction() {
        return from + " → " + to;
    }
}
