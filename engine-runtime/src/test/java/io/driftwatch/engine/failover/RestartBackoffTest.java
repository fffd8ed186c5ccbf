package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(4), 4);

    private boolean due(long second, Long stalledSinceSecond) {
        return backoff.due(T0.plusSeconds(second), stalledSinceSecond == null ? null : T0.plusSeconds(stalledSinceSecond));
    }

    @Test
    void nothingStalledNeverRestarts() {
        assertThat(due(0, null)).isFalse();
        assertThat(due(1000, null)).isFalse();
    }

    @Test
    void aStallIsGivenItsGraceThenRestartedWithADoublingBackOffUpToTheLimit() {
        assertThat(due(10, 0L)).as("stalled 10 s").isFalse();
        assertThat(due(15, 0L)).as("stalled 15 s").isTrue();
        backoff.restarted(T0.plusSeconds(15));
        assertThat(due(74, 0L)).isFalse();
        assertThat(due(75, 0L)).as("60 s after the first").isTrue();
        backoff.restarted(T0.plusSeconds(75));
        assertThat(due(194, 0L)).isFalse();
        assertThat(due(195, 0L)).as("120 s after the second").isTrue();
        backoff.restarted(T0.plusSeconds(195));
        assertThat(due(435, 0L)).as("240 s after the third").isTrue();
        backoff.restarted(T0.plusSeconds(435));
        assertThat(backoff.exhausted()).isTrue();
        assertThat(due(100_000, 0L)).as("bounded: four in a row").isFalse();
    }

    @Test
    void aRecoveredFlowStartsTheCountAgain() {
        assertThat(due(20, 0L)).isTrue();
        backoff.restarted(T0.plusSeconds(20));
        assertThat(due(40, null)).isFalse();
        assertThat(backoff.consecutive()).isZero();
        assertThat(due(60, 45L)).as("a new stall, 15 s old").isTrue();
    }
}
