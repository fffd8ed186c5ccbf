package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SnapshotMarkerTest {
    private static final Schema SOURCE = SchemaBuilder.struct().name("source")
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("envelope").field("source", SOURCE).build();

    @Test
    void snapshotRowsAreNumberedPerTableAndTheEndMarkerCountsTheRecordsWritten() {
        SnapshotMarker marker = new SnapshotMarker();
        List<SnapshotMarker.Seen> seen = new ArrayList<>();
        seen.add(marker.observe(row("audit", "first")));
        seen.add(marker.observe(row("orders", "true")));
        seen.add(marker.observe(row("audit", "true")));
        seen.add(marker.observe(row("audit", "last")));
        // what was written: every row but the second audit row (held as read), and one delete of an order
        marker.written("public.audit");
        marker.written("public.orders");
        marker.written("public.audit");
        marker.written("public.orders");

        assertThat(seen).extracting(SnapshotMarker.Seen::row).containsExactly(1L, 1L, 2L, 3L);
        assertThat(seen).extracting(SnapshotMarker.Seen::table).containsExactly("public.audit", "public.orders", "public.audit", "public.audit");
        assertThat(seen).extracting(SnapshotMarker.Seen::last).containsExactly(false, false, false, true);
        SourceRecord endRecord = marker.end(row("audit", "last"), "tx");
        Struct end = (Struct) endRecord.value();
        assertThat(end.getString("status")).isEqualTo("END");
        assertThat(end.getString("id")).isEqualTo("700:4096");
        assertThat(end.getInt64("event_count")).isEqualTo(4L);
        assertThat(end.<Struct>getArray("data_collections")).extracting(c -> c.getString("data_collection") + "=" + c.getInt64("event_count"))
                .containsExactly("public.audit=2", "public.orders=2");
        assertThat(endRecord.topic()).isEqualTo("tx");
    }

    @Test
    void aSecondSnapshotNumbersItsRowsFromOneAgainAndStreamedChangesAreNotNumbered() {
        SnapshotMarker marker = new SnapshotMarker();
        marker.observe(row("audit", "last"));
        marker.written("public.audit");
        marker.end(row("audit", "last"), "tx");

        assertThat(marker.observe(row("audit", "false"))).isEqualTo(SnapshotMarker.Seen.NOTHING);
        assertThat(marker.observe(row("audit", null))).isEqualTo(SnapshotMarker.Seen.NOTHING);
        assertThat(marker.observe(row("audit", "first")).row()).isEqualTo(1L);
        assertThat(((Struct) marker.end(row("audit", "last"), "tx").value()).getInt64("event_count")).as("nothing written yet").isZero();
    }

    private static SourceRecord row(String table, String snapshot) {
        Struct source = new Struct(SOURCE).put("schema", "public").put("table", table).put("snapshot", snapshot)
                .put("txId", 700L).put("lsn", 4096L).put("ts_ms", 1L);
        return new SourceRecord(Map.of(), Map.of(), "dw.public." + table, ENVELOPE, new Struct(ENVELOPE).put("source", source));
    }
}
