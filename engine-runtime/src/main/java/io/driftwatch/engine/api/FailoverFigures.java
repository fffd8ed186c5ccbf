package io.driftwatch.engine.api;

import java.util.Map;

/**
 * What one move of processing between regions cost, as the engine measured it.
 *
 * @param kind {@code failover} (away from a failed or drained region) or {@code failback} (back to the primary)
 * @param trigger {@code health} (the active Kafka stopped answering) or {@code command} (an operator)
 * @param failedAtMillis when the active region's Kafka was first seen failing (the command's time for a command)
 * @param detectionMillis from the first failed probe to the decision to move
 * @param rtoMillis from the first failed probe until the views advanced again from the new region; -1 while unknown
 * @param pendingTransactions per region, source-committed transactions not yet visible at the failure
 *     (commit position above the visible one, at or below the source's WAL position then); -1 while unknown
 * @param allArrived true once every one of them is visible, false while waiting (null: not checked)
 * @param arrivedAtMillis when the last of them became visible; -1 while waiting
 * @param duplicatesAbsorbed transactions read again after the move that were already applied (skipped by visibility, rewritten idempotently)
 * @param placements how many source partitions were placed by each method (MIRROR_CHECKPOINT, OFFSET_SYNC, TIMESTAMP, BEGINNING)
 * @param incompleteCopies at the move, how far MirrorMaker 2's copies in the new region trailed their originals (or that
 *     they could not be measured); null when every copy was complete
 */
public record FailoverFigures(String id, String kind, String from, String to, String trigger, long failedAtMillis,
                              long detectionMillis, long rtoMillis, Map<String, Long> pendingTransactions, Boolean allArrived,
                              long arrivedAtMillis, long duplicatesAbsorbed, Map<String, Integer> placements, String checkpoint,
                              String incompleteCopies) {

    public FailoverFigures {
        pendingTransactions = pendingTransactions == null ? Map.of() : Map.copyOf(pendingTransactions);
        placements = placements == null ? Map.of() : Map.copyOf(placements);
    }

    public long pendingTotal() {
        return pendingTransactions.values().stream().mapToLong(Long::longValue).filter(v -> v > 0).sum();
    }

    public FailoverFigures arrived(Map<String, Long> pending, boolean all, long atMillis, long duplicates) {
        return new FailoverFigures(id, kind, from, to, trigger, failedAtMillis, detectionMillis, rtoMillis, pending, all, atMillis,
                duplicates, placements, checkpoint, incompleteCopies);
    }

    public FailoverFigures resumed(long rto) {
        return new FailoverFigures(id, kind, from, to, trigger, failedAtMillis, detectionMillis, rto, pendingTransactions, allArrived,
                arrivedAtMillis, duplicatesAbsorbed, placements, checkpoint, incompleteCopies);
    }
}
