package io.driftwatch.engine.process;

import io.driftwatch.engine.transport.DriftwatchHeaders;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lifts a Kafka record into a {@link CapturedRecord}; decoding the Avro happens downstream, where errors can be dead-lettered. */
final class CapturedRecordDeserializer implements KafkaRecordDeserializationSchema<CapturedRecord> {
    static final String BRIDGED = "dw.bridged";

    /** {@code "<region>."} when reading MirrorMaker 2's copies of another region's topics, else empty. */
    private final String remotePrefix;

    CapturedRecordDeserializer(String remotePrefix) {
        this.remotePrefix = remotePrefix;
    }

    CapturedRecordDeserializer() {
        this("");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CapturedRecord> out) {
        if (record.headers().lastHeader(BRIDGED) != null) {
            return; // a schema bridge's copy in the old shape: the job reads the table's versioned topic
        }
        CapturedRecord r = new CapturedRecord();
        // The topic's name in its own region: a mirrored copy is the same topic.
        r.topic = record.topic().startsWith(remotePrefix) ? record.topic().substring(remotePrefix.length()) : record.topic();
        r.timestamp = record.timestamp();
        r.partition = record.partition();
        r.offset = record.offset();
        r.key = record.key();
        r.value = record.value();
        r.region = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.REGION);
        r.txId = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.TX_ID);
        r.lsn = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.LSN);
        r.commitLsn = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.COMMIT_LSN);
        r.sourceTs = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.SOURCE_TS);
        r.snapshotRow = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.SNAPSHOT_ROW);
        r.rowIdentity = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.ROW_IDENTITY);
        r.vv = DriftwatchHeaders.bytes(record.headers(), DriftwatchHeaders.VERSION_VECTOR);
        r.hlc = DriftwatchHeaders.bytes(record.headers(), DriftwatchHeaders.HLC);
        out.collect(r);
    }

    @Override
    public TypeInformation<CapturedRecord> getProducedType() {
        return TypeInformation.of(CapturedRecord.class);
    }
}
