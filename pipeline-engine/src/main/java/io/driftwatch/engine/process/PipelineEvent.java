package io.driftwatch.engine.process;

/**
 * What flows between the job's operators: a row change, a transaction END, the news that a
 * transaction was written, a new visible position, or a dead letter. One POJO with a kind, so
 * Flink serializes it field by field without Kryo.
 */
public class PipelineEvent {
    public enum Kind { ROW, END, WRITTEN, VISIBLE, DEAD }

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
    /** ROW: registry ids of the value envelope and the key schemas (-1: keyless). */
    public int valueSchemaId = -1;
    public int keySchemaId = -1;
    /** END: per-table event counts, {@code table=count} joined by commas. */
    public String counts;
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
