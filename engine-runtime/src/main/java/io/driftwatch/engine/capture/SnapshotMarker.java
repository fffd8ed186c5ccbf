package io.driftwatch.engine.capture;

import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Closes an initial snapshot with an END marker, as if the snapshot were one source transaction.
 *
 * <p>Why: Debezium marks streamed transactions with BEGIN/END but the snapshot with neither, so
 * downstream could not tell when every snapshot row has arrived, and a reader of the views could
 * see half of the initial load. Counting the snapshot's rows per table here, where they pass in
 * order, and writing an END in Debezium's own transaction-metadata format after the last one,
 * lets the job treat the snapshot exactly like any other transaction. Its id is
 * {@code txId:lsn} of the snapshot, like Debezium's END ids.
 *
 * <p>Each snapshot row also gets its ordinal within its table's snapshot: rows of a table without
 * a key all share the snapshot's WAL position, and their place in a topic differs between the
 * original and MirrorMaker's copy, so the ordinal is what identifies them wherever they are read.
 */
final class SnapshotMarker {
    private final Schema keySchema = SchemaFactory.get().transactionKeySchema(SchemaNameAdjuster.NO_OP);
    private final Schema valueSchema = SchemaFactory.get().transactionValueSchema(SchemaNameAdjuster.NO_OP);
    private final Schema countSchema = SchemaFactory.get().transactionEventCountPerDataCollectionSchema();
    private final Map<String, Long> ordinals = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private String txId;
    private long lsn;
    private long tsMs;

    /**
     * What observing one record found: for a snapshot row its table, its 1-based ordinal within
     * its table's snapshot and whether it is the snapshot's last row; else {@link #NOTHING}.
     */
    record Seen(String table, Long row, boolean last) {
        static final Seen NOTHING = new Seen(null, null, false);

        boolean snapshot() {
            return row != null;
        }
    }

    /** Observes one captured record, in capture order, numbering a snapshot row. */
    Seen observe(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return Seen.NOTHING;
        }
        Struct source = value.getStruct("source");
        String snapshot = source.schema().field("snapshot") == null ? null : source.getString("snapshot");
        if (snapshot == null || snapshot.equals("false") || snapshot.equals("incremental")) {
            return Seen.NOTHING;
        }
        String table = source.getString("schema") + "." + source.getString("table");
        long row = ordinals.merge(table, 1L, Long::sum);
        txId = String.valueOf(source.get("txId"));
        lsn = source.getInt64("lsn");
        tsMs = source.getInt64("ts_ms");
        return new Seen(table, row, snapshot.equals("last"));
    }

    /** Counts one record written to {@code table}'s topic as part of the current snapshot. */
    void written(String table) {
        counts.merge(table, 1L, Long::sum);
    }

    /**
     * The END marker of the current snapshot, to write after its last record: it declares the
     * records written per table (a re-snapshot leaves rows the views already hold unwritten).
     */
    SourceRecord end(SourceRecord last, String transactionTopic) {
        String id = txId + ":" + lsn;
        List<Struct> collections = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            collections.add(new Struct(countSchema).put("data_collection", entry.getKey()).put("event_count", entry.getValue()));
            total += entry.getValue();
        }
        Struct marker = new Struct(valueSchema).put("status", "END").put("id", id).put("event_count", total)
                .put("data_collections", collections).put("ts_ms", tsMs);
        counts.clear();
        ordinals.clear();
        return new SourceRecord(last.sourcePartition(), last.sourceOffset(), transactionTopic,
                keySchema, new Struct(keySchema).put("id", id), valueSchema, marker);
    }
}
