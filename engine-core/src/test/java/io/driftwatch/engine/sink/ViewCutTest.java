package io.driftwatch.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ViewCutTest {
    private static final Schema ROW = SchemaBuilder.record("Value").fields().requiredLong("id").optionalString("name").endRecord();

    @Test
    void onlySourcesPublishedBeyondTheCutAdvance() {
        Map<String, Long> advances = ViewCut.advances(Map.of("us-east-1", 120L, "eu-west-1", 80L, ViewCut.MERGE, 7L),
                Map.of("us-east-1", 100L, "eu-west-1", 80L));
        assertThat(advances).containsExactlyInAnyOrderEntriesOf(Map.of("us-east-1", 120L, ViewCut.MERGE, 7L));
        assertThat(ViewCut.advances(Map.of("us-east-1", 90L), Map.of("us-east-1", 100L))).isEmpty();
    }

    @Test
    void nothingToInsertIsNoStatement() {
        assertThat(ViewCut.insert("dw_x", Map.of())).isNull();
        assertThat(ViewCut.insert("dw_x", Map.of("us-east-1", 5L, ViewCut.MERGE, 3L)))
                .isEqualTo("INSERT INTO `dw_x`.`_cut` (source, position) VALUES ('us-east-1', 5), ('~merge', 3)");
    }

    @Test
    void everyViewReadsItsCutFromTheCutTableNotFromThePublishedPositions() {
        String view = new ViewLayout("dw_x", "orders", List.of("id"), ROW, List.of("us-east-1", "eu-west-1")).createView();
        assertThat(view).contains("(SELECT max(position) FROM `dw_x`.`_cut` WHERE source = 'us-east-1')")
                .contains("(SELECT max(position) FROM `dw_x`.`_cut` WHERE source = 'eu-west-1')")
                .doesNotContain(ViewLayout.VISIBILITY);
        String merged = new MergedLayout("dw_x", "stock", List.of("id"), ROW).createView();
        assertThat(merged).contains("_seq <= (SELECT max(position) FROM `dw_x`.`_cut` WHERE source = '~merge')")
                .doesNotContain(MergedLayout.MERGE_VISIBILITY);
    }

    /** As ClickHouse stores a view: every table name qualified by its database, without quotes. */
    @Test
    void aStoredViewThatReadsThePublishedPositionIsOutdated() {
        assertThat(ViewCut.readsTheCut("CREATE VIEW dw_x.orders (id Int64) AS SELECT id FROM dw_x.orders__rows "
                + "WHERE _version <= multiIf(_region = 'r', (SELECT max(position) FROM dw_x._visibility WHERE region = 'r'), 0)", "dw_x")).isFalse();
        assertThat(ViewCut.readsTheCut("CREATE VIEW dw_x.orders (id Int64) AS SELECT id FROM dw_x.orders__rows "
                + "WHERE _version <= multiIf(_region = 'r', (SELECT max(position) FROM dw_x._cut WHERE source = 'r'), 0)", "dw_x")).isTrue();
    }
}
