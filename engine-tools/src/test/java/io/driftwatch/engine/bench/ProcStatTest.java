package io.driftwatch.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsTheTimesAndResidentPagesCountingFromTheLastParenthesis() {
        ProcStat s = ProcStat.parse("4242 (decode -> (END) x) S 1 4242 4242 0 -1 4194560 12 0 0 0 250 75 30 12 20 0 57 0 "
                + "9000 5000000000 123456 18446744073709551615 1 1 0 0 0 0 0 4096 17664 0 0 0 17 1 0 0 0 0 0");
        assertThat(s.name()).isEqualTo("decode -> (END) x");
        assertThat(s.ownTicks()).isEqualTo(325);
        assertThat(s.reapedTicks()).isEqualTo(42);
        assertThat(s.residentPages()).isEqualTo(123456);
    }

    @Test
    void aLineThatIsNotAStatLineIsNamed() {
        assertThatThrownBy(() -> ProcStat.parse("nonsense")).hasMessageContaining("not a /proc stat line");
    }
}
