package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnPolicyTest {

    @Test
    void parsesEveryConfigName() {
        for (ColumnPolicy policy : ColumnPolicy.values()) {
            assertThat(ColumnPolicy.parse(policy.configName())).isEqualTo(policy);
        }
        assertThat(ColumnPolicy.parse(" Counter ")).isEqualTo(ColumnPolicy.COUNTER);
    }

    @Test
    void anUnknownPolicyIsNamedAndTheValidOnesListed() {
        assertThatThrownBy(() -> ColumnPolicy.parse("last-write"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown merge policy 'last-write'; valid policies: lww, counter, set, max, min, manual");
    }

    @Test
    void anUnknownInvariantIsNamedAndTheValidOnesListed() {
        assertThatThrownBy(() -> Invariant.parse("positive"))
                .hasMessage("unknown invariant 'positive'; valid invariants: non_negative");
    }
}
