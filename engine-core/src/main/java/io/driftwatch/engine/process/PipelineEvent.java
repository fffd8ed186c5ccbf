package io.driftwatch.engine.process;

/**
 * What flows between the job's operators: a row change, a transaction END, the news that a
 * transaction was written, a new visible position, or a dead letter. One POJO with a kind, so
 * Flink serializes it field by field without Kryo.
 */
public class PipelineEvent {
    public enum Kind { ROW, END, WRITTEN, VISIBLE, DEAD, MERGE, MERGED, PARTS }

    public Kind kind;
    public String region;
    public String txId;
    /** ROW: the source data collection, {@code schema.table}. */
    public String table;
    /** ROW: the row's key, canonical text; for keyless tables, its WAL position. */
    public String rowKey;
    public long lsn;
    /** END, WRITTEN, VISIBLE: the transaction's commit position. */
    public long commitPosition = -1;
    public long sourceTsMs;
    public boolean deleted;
    /** ROW: the row image as a JSONEachRow object (without Driftwatch's columns). */
    public String rowJson;
    /** ROW: Debezium's operation (c, u, d, r) and, where the table's replica identity gives it, the image before. */
    public String op;
    public String beforeJson;
    /** ROW, MERGE: the capture's version vector and hybrid timestamp of the change (binary). */
    public byte[] vv;
    public byte[] hlc;
    /** MERGE: the global merge sequence number (0 until the sequencer assigned it), how many merged
     * rows its transaction holds (ROW, while assembled: how many of its transaction's events the
     * row's net change stands for), and a resolution's change (Java-serialized) instead of a row. */
    public long seq;
    public int parts;
    public byte[] change;
    /** ROW: registry ids of the value envelope and the key schemas (-1: keyless). */
    public int valueSchemaId = -1;
    public int keySchemaId = -1;
    /** END: per-table event counts, {@code table=count} joined by commas. */
    public String counts;
    /** VISIBLE: the commit times (ms) of the transactions this advance made visible. */
    public long[] commitTimes;
    /** DEAD: why, and where the record was. */
    public String reason;
    public String coordinates;

    public PipelineEvent() {}

    public static PipelineEvent of(Kind kind, String region, String txId) {
        PipelineEvent e = new PipelineEvent();
        e.kind = kind;
        e.region = region;
        e.txId = txId;
        return e;
    }

    public String transactionKey() {
        return region + "|" + txId;
    }
}
