package io.driftwatch.engine.failover;

import io.driftwatch.engine.cluster.FlinkClusterClient;
import java.time.Duration;

/**
 * The processing job's count of transactions read again and skipped because they were already
 * visible, summed over subtasks: the duplicates a move between regions absorbed.
 */
final class DuplicateCount {
    private static final String METRIC = "duplicateTransactions";
    private final FlinkClusterClient flink;

    DuplicateCount(FlinkClusterClient flink) {
        this.flink = flink;
    }

    /**
     * The count, waiting up to {@code patience} for it: Flink's REST API serves metrics it fetches
     * every few seconds, so a job just started or just asked may not list it yet. -1 when it
     * cannot be read in that time.
     */
    long of(String jobId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long count = flink.metricSum(jobId, METRIC);
            if (count >= 0 || System.nanoTime() > deadline) {
                return count;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
