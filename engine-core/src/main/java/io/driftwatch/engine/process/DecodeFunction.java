package io.driftwatch.engine.process;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.sink.RowEncoder;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.transport.ConfluentWireFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes captured records (Confluent-framed Avro) into row changes and END markers. A record
 * that cannot be decoded goes to the dead-letter output with the reason and its coordinates; the
 * job goes on.
 */
final class DecodeFunction extends ProcessFunction<CapturedRecord, PipelineEvent> {
    static final OutputTag<PipelineEvent> DEAD = new OutputTag<>("dead-letters") { };

    private final String registryUrl;
    private final String transactionTopic;
    private final String outboxTable;
    private transient AvroCodec codec;

    DecodeFunction(String registryUrl, String transactionTopic, String outboxTable) {
        this.registryUrl = registryUrl;
        this.transactionTopic = transactionTopic;
        this.outboxTable = outboxTable;
    }

    @Override
    public void open(OpenContext context) {
        codec = new AvroCodec(new SchemaRegistryClient(registryUrl));
    }

    /** The most of a record's value a dead letter carries (base64 grows it by a third). */
    static final int MAX_DEAD_LETTER_VALUE = 256 * 1024;

    @Override
    public void processElement(CapturedRecord record, Context ctx, Collector<PipelineEvent> out) {
        try {
            PipelineEvent event = decode(record);
            if (event != null) {
                out.collect(event);
            }
        } catch (RuntimeException e) {
            PipelineEvent dead = PipelineEvent.of(PipelineEvent.Kind.DEAD, record.region, record.txId);
            dead.reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            dead.coordinates = record.coordinates();
            dead.rowJson = record.value == null ? null : java.util.Base64.getEncoder().encodeToString(
                    record.value.length <= MAX_DEAD_LETTER_VALUE ? record.value : java.util.Arrays.copyOf(record.value, MAX_DEAD_LETTER_VALUE));
            if (record.value != null && record.value.length > MAX_DEAD_LETTER_VALUE) {
                // The original stays in its topic at these coordinates; the letter must fit Kafka's limit.
                dead.reason += " (value of " + record.value.length + " bytes; the letter keeps its first " + MAX_DEAD_LETTER_VALUE + ")";
            }
            ctx.output(DEAD, dead);
        }
    }

    private PipelineEvent decode(CapturedRecord record) {
        if (record.value == null) {
            return null; // a tombstone: the delete before it already says everything
        }
        if (record.region == null || record.txId == null) {
            throw new IllegalArgumentException("missing Driftwatch headers (dw.region, dw.txid)");
        }
        AvroCodec.Decoded value = codec.decode(record.value);
        GenericRecord envelope = (GenericRecord) value.value();
        if (record.topic.equals(transactionTopic)) {
            if (!"END".equals(String.valueOf(envelope.get("status")))) {
                return null;
            }
            PipelineEvent end = PipelineEvent.of(PipelineEvent.Kind.END, record.region, record.txId);
            if (record.commitLsn == null) {
                throw new IllegalArgumentException("END marker without dw.commit-lsn header");
            }
            end.commitPosition = Long.parseLong(record.commitLsn);
            List<String> counts = new ArrayList<>();
            Object collections = envelope.get("data_collections");
            if (collections instanceof List<?> list) {
                for (Object c : list) {
                    GenericRecord g = (GenericRecord) c;
                    // Outbox events leave on their own topics and are not materialized: not waited for.
                    if (!String.valueOf(g.get("data_collection")).equals(outboxTable)) {
                        counts.add(g.get("data_collection") + "=" + g.get("event_count"));
                    }
                }
            }
            end.counts = String.join(",", counts);
            end.sourceTsMs = record.sourceTs == null ? 0 : Long.parseLong(record.sourceTs);
            return end;
        }
        GenericRecord source = (GenericRecord) envelope.get("source");
        String op = String.valueOf(envelope.get("op"));
        PipelineEvent row = PipelineEvent.of(PipelineEvent.Kind.ROW, record.region, record.txId);
        row.table = source.get("schema") + "." + source.get("table");
        row.lsn = Long.parseLong(record.lsn);
        row.sourceTsMs = record.sourceTs == null ? 0 : Long.parseLong(record.sourceTs);
        row.deleted = op.equals("d");
        row.op = op;
        row.vv = record.vv;
        row.hlc = record.hlc;
        row.valueSchemaId = value.schemaId();
        if (record.key != null) {
            AvroCodec.Decoded key = codec.decode(record.key);
            row.keySchemaId = key.schemaId();
            row.rowKey = key.value().toString();
        } else {
            row.keySchemaId = -1;
            row.rowKey = keylessIdentity(record, op);
        }
        GenericRecord image = (GenericRecord) envelope.get(row.deleted ? "before" : "after");
        if (image == null) {
            throw new IllegalArgumentException("a '" + op + "' event without its " + (row.deleted ? "before" : "after") + " image");
        }
        if (row.deleted) {
            // Only the key matters for a delete marker; other columns take their defaults.
            GenericRecord key = record.key == null ? null : (GenericRecord) codec.decode(record.key).value();
            com.fasterxml.jackson.databind.node.ObjectNode json = RowEncoder.encode(image);
            if (key != null) {
                json.retain(key.getSchema().getFields().stream().map(f -> f.name()).toList());
            }
            row.rowJson = json.toString();
        } else {
            row.rowJson = RowEncoder.encode(image).toString();
            if (envelope.get("before") instanceof GenericRecord before) {
                row.beforeJson = RowEncoder.encode(before).toString();
            }
        }
        return row;
    }

    static int schemaIdOf(byte[] framed) {
        return ConfluentWireFormat.schemaId(framed);
    }

    /** A keyless row's identity ({@link io.driftwatch.engine.transport.RowIdentity}). */
    static String keylessIdentity(CapturedRecord record, String op) {
        return io.driftwatch.engine.transport.RowIdentity.keyless(record.rowIdentity, op, record.lsn, record.txId, record.snapshotRow,
                record.partition, record.offset);
    }
}
