package io.driftwatch.engine.txn;

/**
 * Whether a merged transaction is fully written: its row count is known (the sequencer's word
 * may arrive after the rows' reports, which travel another path) and that many rows reported.
 */
public final class MergeProgress {
    private MergeProgress() {}

    public static boolean complete(Long expected, Long done) {
        if (expected == null) {
            return false;
        }
        long have = done == null ? 0 : done;
        if (have > expected) {
            throw new IllegalStateException("more merged rows reported (" + have + ") than the transaction holds (" + expected + ")");
        }
        return have == expected;
    }
}
