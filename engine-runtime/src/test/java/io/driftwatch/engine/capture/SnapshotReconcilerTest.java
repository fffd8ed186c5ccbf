package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotReconcilerTest {
    private static final byte[] V = {0};

    @Test
    void aRowReadAsHeldIsNotWrittenAChangedOneIsAnUpdateOfTheHeldOneAndANewOneAnInsert() {
        SnapshotReconciler r = new SnapshotReconciler();
        r.hold("public.stock", "{\"sku\": 1}", V, null, "c", "t", "{\"sku\": 1, \"qty\": 10}", V);
        r.hold("public.stock", "{\"sku\": 2}", V, null, "c", "t", "{\"sku\": 2, \"qty\": 5}", V);
        r.hold("public.stock", "{\"sku\": 2}", V, null, "u", "t", "{\"sku\": 2, \"qty\": 4}", V);

        assertThat(r.read("public.stock", "{\"sku\": 1}", "{\"sku\": 1, \"qty\": 10}")).isInstanceOf(SnapshotReconciler.Outcome.Unchanged.class);
        assertThat(r.read("public.stock", "{\"sku\": 2}", "{\"sku\": 2, \"qty\": 1}"))
                .isInstanceOfSatisfying(SnapshotReconciler.Outcome.Update.class,
                        u -> assertThat(u.before().image()).as("the latest held version").isEqualTo("{\"sku\": 2, \"qty\": 4}"));
        assertThat(r.read("public.stock", "{\"sku\": 3}", "{\"sku\": 3, \"qty\": 7}")).isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.vanished()).isEmpty();
    }

    @Test
    void heldRowsTheSnapshotDidNotReadAreDeletedAndADeletedRowIsNotHeld() {
        SnapshotReconciler r = new SnapshotReconciler();
        r.hold("public.orders", "1", V, null, "c", "t", "a", V);
        r.hold("public.orders", "2", V, null, "c", "t", "b", V);
        r.hold("public.orders", "3", V, null, "c", "t", "c", V);
        r.hold("public.orders", "3", V, null, "d", "t", null, V);
        r.hold("public.lines", "9", V, null, "r", "t", "x", V);

        assertThat(r.read("public.orders", "1", "a")).isInstanceOf(SnapshotReconciler.Outcome.Unchanged.class);
        assertThat(r.read("public.orders", "3", "c")).as("deleted before: new again").isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.vanished()).extracting(SnapshotReconciler.Held::table, SnapshotReconciler.Held::key)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("public.orders", "2"), org.assertj.core.groups.Tuple.tuple("public.lines", "9"));
        assertThat(r.held()).as("nothing held once the snapshot ended").isZero();
    }

    @Test
    void aKeylessTableIsAMultisetOfImagesAndRowsLeftUnmatchedAreDeletedByTheirIdentity() {
        SnapshotReconciler r = new SnapshotReconciler();
        r.hold("public.audit", null, null, "lsn:1", "c", "t", "same", V);
        r.hold("public.audit", null, null, "lsn:2", "c", "t", "same", V);
        r.hold("public.audit", null, null, "lsn:2", "c", "t", "same", V); // re-sent after a restart: one row
        r.hold("public.audit", null, null, "lsn:3", "c", "t", "gone", V);

        assertThat(r.held()).isEqualTo(3);
        assertThat(r.read("public.audit", null, "same")).isInstanceOf(SnapshotReconciler.Outcome.Unchanged.class);
        assertThat(r.read("public.audit", null, "same")).isInstanceOf(SnapshotReconciler.Outcome.Unchanged.class);
        assertThat(r.read("public.audit", null, "same")).as("a third equal row is new").isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.read("public.audit", null, "fresh")).isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.vanished()).extracting(SnapshotReconciler.Held::identity).containsExactly("lsn:3");
    }

    @Test
    void aFirstSnapshotOverEmptyTopicsWritesEverything() {
        SnapshotReconciler r = new SnapshotReconciler();
        assertThat(r.read("public.orders", "1", "a")).isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.read("public.audit", null, "a")).isInstanceOf(SnapshotReconciler.Outcome.Insert.class);
        assertThat(r.vanished()).isEmpty();
    }
}
