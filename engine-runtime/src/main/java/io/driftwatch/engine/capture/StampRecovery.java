package io.driftwatch.engine.capture;

import io.driftwatch.engine.merge.HybridClock;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.VersionVector;
import io.driftwatch.engine.merge.VersionVectorCodec;
import io.driftwatch.engine.transport.ConfluentWireFormat;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/**
 * Seeds a {@link CausalStamper} from the region's own records already in Kafka ({@link OwnRecords}).
 */
final class StampRecovery {
    private StampRecovery() {}

    static CausalStamper recover(CaptureSettings settings) {
        Map<String, VersionVector> rows = new HashMap<>();
        Map<String, CausalStamper.Stamp> written = new HashMap<>();
        HybridTimestamp[] latest = {HybridTimestamp.ZERO};
        OwnRecords.read(settings, r -> {
            Header vv = r.headers().lastHeader(DriftwatchHeaders.VERSION_VECTOR);
            Header hlc = r.headers().lastHeader(DriftwatchHeaders.HLC);
            String lsn = DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.LSN);
            if (r.key() == null || vv == null || hlc == null || lsn == null || r.key().length < ConfluentWireFormat.HEADER_SIZE) {
                return;
            }
            byte[] bareKey = Arrays.copyOfRange(r.key(), ConfluentWireFormat.HEADER_SIZE, r.key().length);
            VersionVector vector = VersionVectorCodec.decode(vv.value());
            HybridTimestamp at = HybridTimestampCodec.decode(hlc.value());
            rows.merge(CausalStamper.rowId(r.topic(), bareKey), vector, VersionVector::merge);
            if (r.value() != null) {
                written.put(CausalStamper.changeId(r.topic(), bareKey, Long.parseLong(lsn)), new CausalStamper.Stamp(vector, at));
            }
            latest[0] = latest[0].max(at);
        });
        return new CausalStamper(settings.region(), clock(settings, latest[0]), rows, written);
    }

    /** The region's clock, never behind anything it stamped before, even if the wall clock went back. */
    private static HybridClock clock(CaptureSettings settings, HybridTimestamp latest) {
        return new HybridClock(settings.region(), System::currentTimeMillis, latest);
    }
}
