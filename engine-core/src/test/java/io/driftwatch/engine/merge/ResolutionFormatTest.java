package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.merging.ResolutionFormat;
import io.driftwatch.engine.merging.StateBytes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Resolutions travel as JSON that names no class: every change reads back equal, and nothing else is read. */
class ResolutionFormatTest {
    private static final String CONFLICT = "c-42";
    private static final String REPLICA = ConflictResolution.REPLICA_PREFIX + CONFLICT;

    @Provide
    Arbitrary<List<RegionSimulation.Step>> scripts() {
        return MergeArbitraries.scripts();
    }

    /** A simulated change, as the resolution replica of {@link #CONFLICT} would make it. */
    private static Change asResolution(Change c) {
        return new Change(c.table(), c.key(), REPLICA, c.vector().merge(VersionVector.of(REPLICA, 1)),
                new HybridTimestamp(c.timestamp().physicalMillis(), c.timestamp().logical(), REPLICA), c.edits(), Set.of(Inventory.STOCK));
    }

    @Property(tries = 500, generation = GenerationMode.RANDOMIZED)
    void everyChangeReadsBackEqual(@ForAll("scripts") List<RegionSimulation.Step> script) {
        for (Change change : RegionSimulation.play(script)) {
            Change resolution = asResolution(change);
            ResolutionFormat.Message read = ResolutionFormat.decode(ResolutionFormat.encode(new ResolutionFormat.Message(CONFLICT, "alice", resolution)));
            assertThat(read).isEqualTo(new ResolutionFormat.Message(CONFLICT, "alice", resolution));
        }
    }

    @Test
    void valuesOfEveryKindKeepTheirCanonicalTypeAndScale() {
        Map<String, ColumnEdit> edits = new HashMap<>();
        edits.put("price", new ColumnEdit.Assign(new BigDecimal("6.50")));
        edits.put("approved", new ColumnEdit.Assign(120L));
        edits.put("name", new ColumnEdit.Assign("Widget \"B\""));
        edits.put("active", new ColumnEdit.Assign(true));
        edits.put("note", new ColumnEdit.Assign(null));
        edits.put("sizes", new ColumnEdit.Assign(List.of(1L, 2L)));
        edits.put("stock", new ColumnEdit.CounterDelta(-7));
        edits.put("tags", new ColumnEdit.SetEdit(Set.of("red", 3L), Set.of("blue")));
        Change change = new Change("public.products", "{\"sku\": \"A-1\"}", REPLICA, VersionVector.of("us-east-1", 4L, REPLICA, 1L),
                new HybridTimestamp(1_733_400_000_000L, 2, REPLICA), edits, Set.of("stock"));

        byte[] bytes = ResolutionFormat.encode(new ResolutionFormat.Message(CONFLICT, "ops@globalmart", change));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"format\":\"driftwatch.resolution\",\"version\":1,")
                .contains("\"price\":{\"assign\":6.50}").contains("\"stock\":{\"counterDelta\":-7}");
        assertThat(ResolutionFormat.decode(bytes).change()).isEqualTo(change);
    }

    @Test
    void aJavaSerializedRecordIsRefusedUnreadAndSaidToBeOne() {
        byte[] serialized = StateBytes.write(new ArrayList<>(List.of("anything")));

        assertThatThrownBy(() -> ResolutionFormat.decode(serialized)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("Java-serialized object, which Driftwatch never reads from Kafka");
    }

    @Test
    void jsonThatIsNotAVersionOneResolutionIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> decode("{\"@class\":\"java.net.URL\",\"val\":\"http://example.invalid\"}"))
                .hasMessageContaining("\"format\" must be \"driftwatch.resolution\"");
        assertThatThrownBy(() -> decode("{\"format\":\"driftwatch.resolution\",\"version\":2}"))
                .hasMessageContaining("resolution version 2 is not supported");
        assertThatThrownBy(() -> decode("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("")).hasMessageContaining("empty record");
        String valid = new String(ResolutionFormat.encode(new ResolutionFormat.Message(CONFLICT, "alice", new Change("t", "k", REPLICA,
                VersionVector.of(REPLICA, 1L), new HybridTimestamp(1, 0, REPLICA), Map.of("stock", new ColumnEdit.CounterDelta(1))))),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(valid.replace("\"counterDelta\":1", "\"counterDelta\":1.5")))
                .hasMessageContaining("counterDelta of column stock must be a whole number");
        assertThatThrownBy(() -> decode(valid.replace("\"region\":\"" + REPLICA + "\",\"vector\"", "\"region\":\"us-east-1\",\"vector\"")))
                .hasMessageContaining("must come from its own replica " + REPLICA);
        assertThatThrownBy(() -> decode(valid.replace("{\"counterDelta\":1}", "{\"delete\":true}")))
                .hasMessageContaining("has none of assign, counterDelta, setAdded, setRemoved");
        assertThatThrownBy(() -> decode(valid + "{}")).hasMessageContaining("not JSON");
    }

    @Test
    void theShippedSchemaDescribesVersionOne() {
        assertThat(ResolutionFormat.schema()).contains("\"const\": \"driftwatch.resolution\"").contains("\"const\": 1");
    }

    private static ResolutionFormat.Message decode(String json) {
        return ResolutionFormat.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
