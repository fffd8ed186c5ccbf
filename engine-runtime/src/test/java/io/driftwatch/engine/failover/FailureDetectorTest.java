package io.driftwatch.engine.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureDetectorTest {

    @Test
    void aRegionFailsOnceEveryProbeHasFailedForTheTimeout() {
        FailureDetector d = new FailureDetector(5_000);
        assertThat(d.probed(true, 0)).isFalse();
        assertThat(d.probed(false, 1_000)).isFalse();
        assertThat(d.probed(false, 5_999)).isFalse();
        assertThat(d.probed(false, 6_000)).isTrue();
        assertThat(d.failingSince()).isEqualTo(1_000);
    }

    @Test
    void itReportsAFailureOnlyOnce() {
        FailureDetector d = new FailureDetector(1_000);
        d.probed(false, 0);
        assertThat(d.probed(false, 1_000)).isTrue();
        assertThat(d.probed(false, 2_000)).isFalse();
    }

    @Test
    void oneGoodProbeClearsASuspicion() {
        FailureDetector d = new FailureDetector(5_000);
        d.probed(false, 0);
        d.probed(true, 4_000);
        assertThat(d.probed(false, 6_000)).isFalse();
        assertThat(d.probed(false, 11_000)).isTrue();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new FailureDetector(0)).hasMessageContaining("must be positive");
    }
}
