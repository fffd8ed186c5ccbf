package io.driftwatch.engine.merging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.merge.Change;
import io.driftwatch.engine.merge.ColumnEdit;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.VersionVector;
import java.io.Serializable;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bytes read back from state or the conflicts table may build the merge's values and nothing else. */
class StateBytesFilterTest {
    /** Counts its own deserializations: proof that a refused class was never built. */
    static final class Tripwire implements Serializable {
        static final AtomicInteger BUILT = new AtomicInteger();

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            BUILT.incrementAndGet();
        }
    }

    @Test
    void aClassOutsideTheMergesValuesIsRefusedBeforeItIsBuilt() {
        HashMap<String, Object> carrier = new HashMap<>(Map.of("row", new Tripwire()));
        byte[] bytes = StateBytes.write(carrier);

        assertThatThrownBy(() -> StateBytes.read(bytes, HashMap.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a class outside the merge's values").hasMessageContaining(Tripwire.class.getName());
        assertThat(Tripwire.BUILT).hasValue(0);
    }

    @Test
    void theUrlLookupGadgetIsRefused() throws Exception {
        // A HashMap keyed by a URL resolves the URL's host while it is read: the classic probe.
        HashMap<URL, String> probe = new HashMap<>();
        probe.put(new URL("http://probe.invalid/"), "x");

        assertThatThrownBy(() -> StateBytes.read(StateBytes.write(probe), HashMap.class)).hasMessageContaining("java.net.URL");
    }

    @Test
    void theMergesOwnValuesStillReadBack() {
        Change change = new Change("inventory", "sku-42", "us-east-1", VersionVector.of("us-east-1", 2L),
                new HybridTimestamp(5, 1, "us-east-1"), Map.of("stock", new ColumnEdit.CounterDelta(-3),
                "tags", new ColumnEdit.SetEdit(java.util.Set.of("red"), java.util.Set.of()), "price", new ColumnEdit.Assign(new java.math.BigDecimal("6.50"))));
        java.util.ArrayList<Change> changes = new java.util.ArrayList<>(java.util.List.of(change));

        assertThat(StateBytes.read(StateBytes.write(changes), java.util.ArrayList.class)).isEqualTo(changes);
    }
}
