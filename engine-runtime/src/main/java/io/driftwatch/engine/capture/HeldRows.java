package io.driftwatch.engine.capture;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import io.driftwatch.engine.transport.RowIdentity;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Loads a {@link SnapshotReconciler} with the rows a region's topics hold: the latest version of
 * every row of every table, from transactions that ended (a transaction whose END never came — cut
 * off by a lost slot or an interrupted snapshot — was never visible, so its rows count as not held).
 */
final class HeldRows {
    private HeldRows() {}

    static SnapshotReconciler load(CaptureSettings settings, SchemaRegistryClient registry) {
        AvroCodec codec = new AvroCodec(registry);
        Set<String> ended = new HashSet<>();
        OwnRecords.transactions(settings, r -> {
            String txId = DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.TX_ID);
            if (txId != null && r.value() != null && codec.decode(r.value()).value() instanceof GenericRecord marker
                    && "END".equals(String.valueOf(marker.get("status")))) {
                ended.add(txId);
            }
        });
        SnapshotReconciler reconciler = new SnapshotReconciler();
        OwnRecords.read(settings, r -> {
            Headers h = r.headers();
            String txId = DriftwatchHeaders.text(h, DriftwatchHeaders.TX_ID);
            if (r.value() == null || h.lastHeader(SchemaBridge.BRIDGED) != null || txId == null || !ended.contains(txId)) {
                return;
            }
            if (!(codec.decode(r.value()).value() instanceof GenericRecord envelope) || envelope.getSchema().getField("source") == null
                    || envelope.getSchema().getField("op") == null) {
                return;
            }
            GenericRecord source = (GenericRecord) envelope.get("source");
            String table = source.get("schema") + "." + source.get("table");
            String op = String.valueOf(envelope.get("op"));
            Object after = envelope.get("after");
            String key = r.key() == null ? null : codec.decode(r.key()).value().toString();
            String identity = key != null ? null : RowIdentity.keyless(DriftwatchHeaders.text(h, DriftwatchHeaders.ROW_IDENTITY), op,
                    DriftwatchHeaders.text(h, DriftwatchHeaders.LSN), txId, DriftwatchHeaders.text(h, DriftwatchHeaders.SNAPSHOT_ROW),
                    r.partition(), r.offset());
            reconciler.hold(table, key, r.key(), identity, op, r.topic(), after == null ? null : after.toString(), r.value());
        });
        return reconciler;
    }
}
