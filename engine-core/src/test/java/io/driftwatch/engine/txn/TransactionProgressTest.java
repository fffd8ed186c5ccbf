package io.driftwatch.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionProgressTest {

    @Test
    void completeOnlyOnceTheEndArrivedAndEveryTableCountMatches() {
        TransactionProgress p = TransactionProgress.empty().withEvent("orders").withEvent("lines");
        assertThat(p.complete()).as("no END yet").isFalse();
        p = p.withEnd(Map.of("orders", 1L, "lines", 2L), 500);
        assertThat(p.complete()).isFalse();
        assertThat(p.missing()).containsExactly(Map.entry("lines", 1L));
        p = p.withEvent("lines");
        assertThat(p.complete()).isTrue();
        assertThat(p.commitPosition()).isEqualTo(500);
        assertThat(p.events()).isEqualTo(3);
    }

    @Test
    void theEndMayArriveBeforeItsEvents() {
        TransactionProgress p = TransactionProgress.empty().withEnd(Map.of("orders", 1L), 9);
        assertThat(p.complete()).isFalse();
        assertThat(p.withEvent("orders").complete()).isTrue();
    }

    @Test
    void anEmptyTransactionIsCompleteAtItsEnd() {
        assertThat(TransactionProgress.empty().withEnd(Map.of(), 7).complete()).isTrue();
    }

    @Test
    void moreEventsThanDeclaredIsOverfullNotComplete() {
        TransactionProgress p = TransactionProgress.empty().withEnd(Map.of("orders", 1L), 9).withEvent("orders").withEvent("orders");
        assertThat(p.overfull()).isTrue();
        assertThat(p.complete()).isFalse();
        TransactionProgress stray = TransactionProgress.empty().withEnd(Map.of("orders", 1L), 9).withEvent("orders").withEvent("other");
        assertThat(stray.overfull()).isTrue();
        assertThat(stray.complete()).isFalse();
    }
}
