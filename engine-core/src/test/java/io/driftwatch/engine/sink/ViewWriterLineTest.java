package io.driftwatch.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ViewWriterLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void appendsDriftwatchsColumnsToTheRowImage() throws Exception {
        JsonNode line = JSON.readTree(ViewWriter.line(new VersionedRow("public.orders", "{\"id\":7,\"note\":\"a \\\"b\\\"\"}", 1, 2, 900, false,
                "us-east-1", "4711", 880, 1_700_000_000_000L, "{\"id\": 7}")));
        assertThat(line.get("id").asLong()).isEqualTo(7);
        assertThat(line.get("note").asText()).isEqualTo("a \"b\"");
        assertThat(line.get("_version").asLong()).isEqualTo(900);
        assertThat(line.get("_deleted").asInt()).isZero();
        assertThat(line.get("_region").asText()).isEqualTo("us-east-1");
        assertThat(line.get("_txid").asText()).isEqualTo("4711");
        assertThat(line.get("_lsn").asLong()).isEqualTo(880);
        assertThat(line.get("_source_ts").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(line.has("_row")).as("a keyed row has no _row").isFalse();
    }

    @Test
    void aKeylessRowCarriesItsIdentityAndAnEmptyImageStaysValid() throws Exception {
        JsonNode line = JSON.readTree(ViewWriter.line(new VersionedRow("public.log", " { } ", 1, -1, 5, true, "eu-west-1", "9", 4, 3,
                "lsn:4/\"x\"")));
        assertThat(line.get("_row").asText()).isEqualTo("lsn:4/\"x\"");
        assertThat(line.get("_deleted").asInt()).isEqualTo(1);
        assertThat(line.size()).isEqualTo(7);
    }

    @Test
    void anImageThatIsNotAnObjectIsRefusedWithItsTable() {
        assertThatThrownBy(() -> ViewWriter.line(new VersionedRow("public.orders", "[1]", 1, 2, 1, false, "r", "t", 1, 1, "k")))
                .hasMessageContaining("public.orders").hasMessageContaining("not a JSON object");
    }

    @Property
    void theLineIsTheImageWithTheColumnsPutIntoIt(@ForAll String text, @ForAll long number, @ForAll String region, @ForAll String rowKey)
            throws Exception {
        ObjectNode image = JSON.createObjectNode().put("text", text).put("number", number);
        VersionedRow row = new VersionedRow("public.t", image.toString(), 1, -1, number, false, region, "tx", 2, 3, rowKey);
        ObjectNode expected = image.deepCopy();
        expected.put("_version", number).put("_deleted", 0).put("_region", region).put("_txid", "tx").put("_lsn", 2L).put("_source_ts", 3L)
                .put("_row", rowKey);
        assertThat(JSON.readTree(ViewWriter.line(row))).isEqualTo(JSON.readTree(expected.toString()));
    }
}
