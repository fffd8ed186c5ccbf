package io.driftwatch.engine.transport;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka headers every captured record carries, so that downstream stages can order, group
 * and deduplicate without decoding the value.
 */
public final class DriftwatchHeaders {
    /** The region whose database committed the change (UTF-8). */
    public static final String REGION = "dw.region";
    /** The source transaction id, PostgreSQL's txid (UTF-8 decimal). */
    public static final String TX_ID = "dw.txid";
    /** The change's own WAL position (UTF-8 decimal); with the txid it identifies a re-sent duplicate. */
    public static final String LSN = "dw.lsn";
    /**
     * The WAL position of the transaction's commit (UTF-8 decimal), on END markers: pgoutput makes
     * it known only when the transaction commits, after its rows.
     */
    public static final String COMMIT_LSN = "dw.commit-lsn";
    /**
     * On snapshot rows: the row's ordinal within its table's snapshot (UTF-8 decimal). It tells
     * apart the rows of a table without a key, which share the snapshot's WAL position, in the
     * original topic and in MirrorMaker's copy alike.
     */
    public static final String SNAPSHOT_ROW = "dw.snapshot-row";
    /**
     * On a delete a re-snapshot writes for a row of a table without a key that is gone from the
     * source: the identity of the row it removes ({@link RowIdentity}, UTF-8).
     */
    public static final String ROW_IDENTITY = "dw.row-identity";
    /** The source commit time in epoch milliseconds (UTF-8 decimal), for end-to-end latency. */
    public static final String SOURCE_TS = "dw.source-ts";
    /** The hybrid logical clock timestamp of the change (binary, {@code HybridTimestampCodec}). */
    public static final String HLC = "dw.hlc";
    /** The row's version vector after the change (binary, {@code VersionVectorCodec}). */
    public static final String VERSION_VECTOR = "dw.vv";
    /** Why a record was parked or dead-lettered (UTF-8). */
    public static final String REASON = "dw.reason";
    /** The topic a parked or dead-lettered record was meant for (UTF-8). */
    public static final String ORIGINAL_TOPIC = "dw.original-topic";

    private DriftwatchHeaders() {}

    public static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The last value of a text header, or null. */
    public static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The last value of a binary header, or null. */
    public static byte[] bytes(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : header.value();
    }
}
