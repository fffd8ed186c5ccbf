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
    void snapshotRowsAreNumberedPerTableAndTheLastOneIsFollowedByAnEndMarkerCountingThem() {
        SnapshotMarker marker = new SnapshotMarker();
        List<SnapshotMarker.Seen> seen = new ArrayList<>();
        seen.add(marker.observe(row("audit", "first"), "tx"));
        seen.add(marker.observe(row("orders", "true"), "tx"));
        seen.add(marker.observe(row("audit", "true"), "tx"));
        seen.add(marker.observe(row("audit", "last"), "tx"));

        assertThat(seen).extracting(SnapshotMarker.Seen::row).containsExactly(1L, 1L, 2L, 3L);
        assertThat(seen.subList(0, 3)).allMatch(s -> s.end() == null);
        Struct end = (Struct) seen.get(3).end().value();
        assertThat(end.getString("status")).isEqualTo("END");
        assertThat(end.getString("id")).isEqualTo("700:4096");
        assertThat(end.getInt64("event_count")).isEqualTo(4L);
        assertThat(seen.get(3).end().topic()).isEqualTo("tx");
    }

    @Test
    void aSecondSnapshotNumbersItsRowsFromOneAgainAndStreamedChangesAreNotNumbered() {
        SnapshotMarker marker = new SnapshotMarker();
        marker.observe(row("audit", "last"), "tx");

        assertThat(marker.observe(row("audit", "false"), "tx")).isEqualTo(SnapshotMarker.Seen.NOTHING);
        assertThat(marker.observe(row("audit", null), "tx")).isEqualTo(SnapshotMarker.Seen.NOTHING);
        assertThat(marker.observe(row("audit", "first"), "tx").row()).isEqualTo(1L);
    }

    private static SourceRecord row(String table, String snapshot) {
        Struct source = new Struct(SOURCE).put("schema", "public").put("table", table).put("snapshot", snapshot)
                .put("txId", 700L).put("lsn", 4096L).put("ts_ms", 1L);
        return new SourceRecord(Map.of(), Map.of(), "dw.public." + table, ENVELOPE, new Struct(ENVELOPE).put("source", source));
    }
}
