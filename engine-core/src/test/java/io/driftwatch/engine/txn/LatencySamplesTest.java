package io.driftwatch.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void transactionsVisibleAtOneInstantAreGroupedByTheirLatency() {
        LatencySamples samples = new LatencySamples();
        samples.visible(1_000, new long[] {900, 950, 900, 990});
        samples.visible(1_100, new long[] {1_000});

        assertThat(samples.drain()).containsExactly(
                new LatencySamples.Group(1_000, 10, 1),
                new LatencySamples.Group(1_000, 50, 1),
                new LatencySamples.Group(1_000, 100, 2),
                new LatencySamples.Group(1_100, 100, 1));
    }

    @Test
    void drainingEmptiesTheSamples() {
        LatencySamples samples = new LatencySamples();
        samples.visible(10, new long[] {5});
        assertThat(samples.isEmpty()).isFalse();
        samples.drain();
        assertThat(samples.isEmpty()).isTrue();
        assertThat(samples.drain()).isEmpty();
    }

    @Test
    void aCommitTimeAfterTheVisibleInstantCountsAsZeroLatency() {
        LatencySamples samples = new LatencySamples();
        samples.visible(100, new long[] {130});
        assertThat(samples.drain()).isEqualTo(List.of(new LatencySamples.Group(100, 0, 1)));
    }

    @Test
    void noCommitTimesRecordNothing() {
        LatencySamples samples = new LatencySamples();
        samples.visible(100, new long[0]);
        samples.visible(100, null);
        assertThat(samples.isEmpty()).isTrue();
    }
}
