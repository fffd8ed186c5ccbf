package io.driftwatch.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetChangeTest {
    private static final String ORIGINAL = "{\"available\":40}";

    @Test
    void twoUpdatesBecomeOneFromTheFirstBeforeImage() {
        assertThat(NetChange.fold("u", ORIGINAL, "u")).isEqualTo(new NetChange("u", ORIGINAL));
    }

    @Test
    void anInsertUpdatedInTheSameTransactionIsStillAnInsert() {
        assertThat(NetChange.fold("c", null, "u")).isEqualTo(new NetChange("c", null));
        assertThat(NetChange.fold("r", null, "u")).isEqualTo(new NetChange("r", null));
    }

    @Test
    void aDeleteEndsAsADeleteAndADeleteThenInsertIsAnInsert() {
        assertThat(NetChange.fold("u", ORIGINAL, "d")).isEqualTo(new NetChange("d", ORIGINAL));
        assertThat(NetChange.fold("c", null, "d")).isEqualTo(new NetChange("d", null));
        assertThat(NetChange.fold("d", ORIGINAL, "c").op()).isEqualTo("c");
    }

    @Test
    void foldingIsAssociativeOverAnyRunOfUpdates() {
        // ((u u) u) and (u (u u)) both leave the first before image and an update
        NetChange left = NetChange.fold(NetChange.fold("u", ORIGINAL, "u").op(), NetChange.fold("u", ORIGINAL, "u").beforeJson(), "u");
        NetChange inner = NetChange.fold("u", "{\"available\":38}", "u");
        NetChange right = NetChange.fold("u", ORIGINAL, inner.op());
        assertThat(left).isEqualTo(right).isEqualTo(new NetChange("u", ORIGINAL));
    }
}
