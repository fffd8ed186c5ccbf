package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConflictDeltaTest {

    private static Conflict conflict(String column, Object merged) {
        return new Conflict(ConflictKind.CONCURRENT_MANUAL, "public.products", "{\"id\":1}", column, List.of(), merged, "concurrent edits");
    }

    @Provide
    Arbitrary<List<Conflict>> conflicts() {
        return Arbitraries.of("price", "name", "stock").flatMap(column -> Arbitraries.integers().between(0, 3)
                .map(v -> conflict(column, v))).list().ofMaxSize(6);
    }

    private static Set<String> ids(List<Conflict> conflicts) {
        return conflicts.stream().map(Conflict::id).collect(Collectors.toSet());
    }

    private static Set<String> common(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    @Property
    void keptMinusClearedPlusOpenedIsWhatIsOpenNow(@ForAll("conflicts") List<Conflict> before, @ForAll("conflicts") List<Conflict> after) {
        ConflictDelta delta = ConflictDelta.between(before, after);

        Set<String> result = new HashSet<>(ids(before));
        result.removeAll(ids(delta.cleared()));
        result.addAll(ids(delta.opened()));
        assertThat(result).isEqualTo(ids(after));
        assertThat(ids(delta.open())).isEqualTo(ids(after));
    }

    @Property
    void openedWereNotOpenAndClearedWereOpenBefore(@ForAll("conflicts") List<Conflict> before, @ForAll("conflicts") List<Conflict> after) {
        ConflictDelta delta = ConflictDelta.between(before, after);

        assertThat(ids(delta.opened())).isSubsetOf(ids(after));
        assertThat(common(ids(delta.opened()), ids(before))).isEmpty();
        assertThat(ids(delta.cleared())).isSubsetOf(ids(before));
        assertThat(common(ids(delta.cleared()), ids(after))).isEmpty();
    }

    @Property
    void theSameConflictsDerivedAgainChangeNothing(@ForAll("conflicts") List<Conflict> conflicts) {
        List<Conflict> replayed = new ArrayList<>(conflicts);
        java.util.Collections.reverse(replayed);

        ConflictDelta delta = ConflictDelta.between(conflicts, replayed);

        assertThat(delta.isEmpty()).isTrue();
    }

    @Test
    void aConflictWhoseMergedValueChangedIsClearedAndTheNewOneOpened() {
        Conflict was = conflict("price", 10);
        Conflict is = conflict("price", 12);

        ConflictDelta delta = ConflictDelta.between(List.of(was), List.of(is));

        assertThat(delta.cleared()).containsExactly(was);
        assertThat(delta.opened()).containsExactly(is);
        assertThat(delta.open()).containsExactly(is);
    }
}
