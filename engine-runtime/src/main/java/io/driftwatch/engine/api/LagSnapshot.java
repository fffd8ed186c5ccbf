package io.driftwatch.engine.api;

import java.time.Instant;
import java.util.List;

/**
 * Every lag of the pipeline at one moment, per stage: how far each region's replication slot is
 * behind its WAL, how far the processing job's consumer group is behind each partition, and how
 * long committed transactions wait before they are visible in the views.
 *
 * @param problems what could not be measured this time, in plain words (a server that did not answer)
 */
public record LagSnapshot(Instant at, List<SlotLag> slots, List<PartitionLag> partitions, List<VisibilityLag> visibility,
                          List<String> problems) {
    public LagSnapshot {
        slots = List.copyOf(slots);
        partitions = List.copyOf(partitions);
        visibility = List.copyOf(visibility);
        problems = List.copyOf(problems);
    }

    /**
     * PostgreSQL → capture: WAL written but not yet confirmed by the slot's consumer,
     * {@code pg_current_wal_lsn() - confirmed_flush_lsn}, and how safe the slot's WAL is.
     *
     * @param walStatus           {@code pg_replication_slots.wal_status}: reserved, extended, unreserved or lost (null when unknown)
     * @param safeWalBytes        {@code safe_wal_size}: bytes that may still be written before the slot is in danger of losing
     *                            its WAL; -1 when {@code max_slot_wal_keep_size} is unlimited
     * @param maxSlotWalKeepBytes the database's {@code max_slot_wal_keep_size} in bytes; -1 for unlimited
     */
    public record SlotLag(String region, String slot, boolean active, long lagBytes, String walStatus, long safeWalBytes,
                          long maxSlotWalKeepBytes) {
        /** A slot as older readers saw it: WAL status unknown, no retention limit known. */
        public SlotLag(String region, String slot, boolean active, long lagBytes) {
            this(region, slot, active, lagBytes, null, -1, -1);
        }

        /**
         * Whether PostgreSQL still guarantees this slot its WAL: {@code reserved} (within
         * {@code max_wal_size}) or {@code extended} (within {@code max_slot_wal_keep_size});
         * {@code unreserved} is about to lose it, {@code lost} has (capture cannot resume; the slot
         * must be recreated and the region snapshotted again).
         */
        public boolean walSafe() {
            return walStatus == null || walStatus.equals("reserved") || walStatus.equals("extended");
        }
    }

    /**
     * Kafka → processing job: records in a partition beyond the offset the job's consumer group
     * committed (at its last completed checkpoint).
     *
     * @param committedOffset -1 when the group has not committed an offset for the partition yet
     * @param lag             {@code endOffset - committedOffset}, or the partition's record count when nothing is committed
     */
    /**
     * One partition the job reads: records beyond its committed offset ({@code lag}), and how old
     * the first of them is ({@code lagMillis}: 0 without lag, -1 when unknown).
     */
    public record PartitionLag(String region, String topic, int partition, long endOffset, long committedOffset, long lag, long lagMillis) {
        /** Lag in records only; its age unknown. */
        public PartitionLag(String region, String topic, int partition, long endOffset, long committedOffset, long lag) {
            this(region, topic, partition, endOffset, committedOffset, lag, lag == 0 ? 0 : -1);
        }
    }

    /**
     * Source commit → visible in the views, for one region.
     *
     * @param visiblePosition  the commit position (LSN) the views show the region up to; 0 before any
     * @param capturedPosition the commit position of the newest transaction capture delivered to Kafka; 0 before any
     * @param lagMillis        0 when every captured transaction is visible; otherwise how long ago the
     *                         oldest captured but invisible transaction the probe saw was committed
     */
    public record VisibilityLag(String region, long visiblePosition, long capturedPosition, long lagMillis) {
        public boolean caughtUp() {
            return visiblePosition >= capturedPosition;
        }
    }
}
