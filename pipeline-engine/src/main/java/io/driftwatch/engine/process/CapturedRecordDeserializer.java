package io.driftwatch.engine.process;

import io.driftwatch.engine.transport.DriftwatchHeaders;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lifts a Kafka record into a {@link CapturedRecord}; decoding the Avro happens downstream, where errors can be dead-lettered. */
final class CapturedRecordDeserializer implements KafkaRecordDeserializationSchema<CapturedRecord> {
    static final String BRIDGED = "dw.bridged";

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CapturedRecord> out) {
        if (record.headers().lastHeader(BRIDGED) != null) {
            return; // a schema bridge's copy in the old shape: the job reads the table's versioned topic
        }
        CapturedRecord r = new CapturedRecord();
        r.topic = record.topic();
        r.partition = record.partition();
        r.offset = record.offset();
        r.key = record.key();
        r.value = record.value();
        r.region = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.REGION);
        r.txId = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.TX_ID);
        r.lsn = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.LSN);
        r.commitLsn = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.COMMIT_LSN);
        r.sourceTs = DriftwatchHeaders.text(record.headers(), DriftwatchHeaders.SOURCE_TS);
        r.vv = DriftwatchHeaders.bytes(record.headers(), DriftwatchHeaders.VERSION_VECTOR);
        r.hlc = DriftwatchHeaders.bytes(record.headers(), DriftwatchHeaders.HLC);
        out.collect(r);
    }

    @Override
    public TypeInformation<CapturedRecord> getProducedType() {
        return TypeInformation.of(CapturedRecord.class);
    }
}
