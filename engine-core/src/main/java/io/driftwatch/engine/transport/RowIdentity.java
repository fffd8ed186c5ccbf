package io.driftwatch.engine.transport;

/**
 * The identity of a row of a table without a key: what its view row is written under, and what a
 * later change must name to replace or remove it.
 *
 * <p>A streamed row is its change's WAL position, unique while streaming. The rows of a snapshot
 * all share one position; there the capture's ordinal of the row within its table's snapshot tells
 * them apart, the same in the original topic and in MirrorMaker's copy (whose offsets differ), so
 * re-reading a snapshot through the other region after a failover writes the same rows again
 * rather than new ones. Records from before that header fall back to their place in the topic.
 * (An interrupted snapshot is redone under a new txid, and reconciled against what the first
 * attempt wrote.) A record that names its identity ({@link DriftwatchHeaders#ROW_IDENTITY}: a
 * re-snapshot removing a row that is gone) is that row.
 */
public final class RowIdentity {
    private RowIdentity() {}

    /**
     * @param named       the record's {@code dw.row-identity} header, or null
     * @param op          Debezium's operation ({@code r} for a snapshot read)
     * @param snapshotRow the record's {@code dw.snapshot-row} header, or null
     */
    public static String keyless(String named, String op, String lsn, String txId, String snapshotRow, int partition, long offset) {
        if (named != null) {
            return named;
        }
        if (!"r".equals(op)) {
            return "lsn:" + lsn;
        }
        return snapshotRow != null ? "snapshot:" + txId + "#" + snapshotRow : "snapshot:" + partition + "@" + offset;
    }
}
