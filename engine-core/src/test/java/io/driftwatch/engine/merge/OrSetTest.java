package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OrSetTest {

    @Test
    void aConcurrentAddWinsOverARemove() {
        OrSet<String> base = OrSet.<String>empty().add("us", "sale");
        OrSet<String> usRemoves = base.remove("sale");
        OrSet<String> euAddsAgain = base.add("eu", "sale");
        assertThat(usRemoves.merge(euAddsAgain).elements()).containsExactly("sale");
        assertThat(euAddsAgain.merge(usRemoves).elements()).containsExactly("sale");
    }

    @Test
    void aRemoveTakesAwayEveryAddItObserved() {
        OrSet<String> set = OrSet.<String>empty().add("us", "sale").add("eu", "sale");
        assertThat(set.remove("sale").elements()).isEmpty();
    }

    @Test
    void anAddArrivingAfterTheRemoveThatObservedItStaysRemoved() {
        Dot add = new Dot("us", 1);
        OrSet<String> removeFirst = OrSet.<String>empty().remove("sale", VersionVector.of(add));
        assertThat(removeFirst.add(add, "sale").elements()).isEmpty();
        assertThat(removeFirst.add(new Dot("us", 2), "sale").elements()).containsExactly("sale");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsCommutative(@ForAll("sets") OrSet<String> a, @ForAll("sets") OrSet<String> b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsAssociative(@ForAll("sets") OrSet<String> a, @ForAll("sets") OrSet<String> b, @ForAll("sets") OrSet<String> c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void mergeIsIdempotent(@ForAll("sets") OrSet<String> a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    /** An add (dot, element) or a remove (element, observed vector). */
    record Op(boolean add, Dot dot, String element, VersionVector observed) {
        OrSet<String> applyTo(OrSet<String> set) {
            return add ? set.add(dot, element) : set.remove(element, observed);
        }
    }

    @Provide
    Arbitrary<OrSet<String>> sets() {
        Arbitrary<Op> ops = Combinators.combine(
                Arbitraries.of(true, true, false), MergeArbitraries.dots(), MergeArbitraries.smallValues(), MergeArbitraries.vectors())
                .as(Op::new);
        return ops.list().ofMaxSize(8).map(list -> {
            OrSet<String> set = OrSet.empty();
            for (Op op : list) {
                set = op.applyTo(set);
            }
            return set;
        });
    }

    @Test
    void localAddsTakeFreshDots() {
        OrSet<String> set = OrSet.<String>empty().add("us", "a").add("us", "b");
        assertThat(set.tags().get("b")).containsExactly(new Dot("us", 2));
        assertThat(List.copyOf(set.elements())).containsExactlyInAnyOrder("a", "b");
    }
}
