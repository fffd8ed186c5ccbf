package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OpenTransactionTest {

    private static PipelineEvent row(String table, String key, long lsn, String op) {
        PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.ROW, "us-east-1", "42");
        e.table = table;
        e.rowKey = key;
        e.lsn = lsn;
        e.op = op;
        e.rowJson = "{\"id\":" + key + "}";
        return e;
    }

    private static PipelineEvent end(String counts, long position) {
        PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.END, "us-east-1", "42");
        e.counts = counts;
        e.commitPosition = position;
        return e;
    }

    @Test
    void completesOnceItsEndAndEveryDeclaredEventArrivedInAnyOrder() {
        OpenTransaction tx = new OpenTransaction();
        tx.add(row("public.orders", "1", 10, "c"));
        assertThat(tx.end(end("public.orders=1,public.lines=2", 99))).isTrue();
        assertThat(tx.progress().complete()).isFalse();
        tx.add(row("public.lines", "1", 11, "c"));
        tx.add(row("public.lines", "2", 12, "c"));
        assertThat(tx.progress().complete()).isTrue();
        assertThat(tx.progress().commitPosition()).isEqualTo(99);
    }

    @Test
    void aResentEventAndARepeatedEndCountOnce() {
        OpenTransaction tx = new OpenTransaction();
        assertThat(tx.add(row("public.orders", "1", 10, "c"))).isTrue();
        assertThat(tx.add(row("public.orders", "1", 10, "c"))).isFalse();
        assertThat(tx.end(end("public.orders=1", 99))).isTrue();
        assertThat(tx.end(end("public.orders=1", 99))).isFalse();
        assertThat(tx.progress().complete()).isTrue();
    }

    @Test
    void aRowChangedTwiceIsOneNetChangeThatCountsBothEvents() {
        OpenTransaction tx = new OpenTransaction();
        tx.add(row("public.orders", "1", 10, "c"));
        tx.add(row("public.orders", "1", 11, "u"));
        tx.end(end("public.orders=2", 99));
        assertThat(tx.size()).isEqualTo(1);
        assertThat(tx.rows().iterator().next().op).isEqualTo("c");
        assertThat(tx.progress().complete()).isTrue();
    }

    @Property
    void restoredFromItsEventsItIsTheSameTransaction(@ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 0, max = 3) int changesEach,
                                                     @ForAll boolean ended) {
        OpenTransaction tx = new OpenTransaction();
        long lsn = 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c <= changesEach; c++) {
                tx.add(row("public.t" + (r % 2), Integer.toString(r), lsn++, c == 0 ? "c" : "u"));
            }
        }
        if (ended) {
            // One event of public.t1 still to come: an open transaction, as a checkpoint finds it.
            tx.end(end("public.t0=" + tx.seen().getOrDefault("public.t0", 0L) + ",public.t1=" + (tx.seen().getOrDefault("public.t1", 0L) + 1), 500));
        }
        OpenTransaction restored = new OpenTransaction();
        List<PipelineEvent> events = new ArrayList<>(tx.events());
        events.forEach(restored::restore);
        assertThat(restored.progress()).isEqualTo(tx.progress());
        assertThat(restored.size()).isEqualTo(tx.size());
        assertThat(restored.ended()).isEqualTo(ended);
    }
}
