package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MergePoliciesTest {
    private static final SourceSchema SCHEMA = Inventory.SCHEMA;

    private static Map<String, ?> config(Map<String, ?> columns) {
        return Map.of("tables", Map.of("inventory", Map.of("columns", columns)));
    }

    @Test
    void readsShorthandAndFullColumnEntries() {
        MergePolicies policies = MergePolicies.parse(config(Map.of(
                "stock", Map.of("policy", "counter", "invariants", List.of("non_negative")),
                "approved_price", "manual",
                "tags", "set")), SCHEMA);

        assertThat(policies.rule("inventory", "stock")).isEqualTo(ColumnRule.of(ColumnPolicy.COUNTER, Invariant.NON_NEGATIVE));
        assertThat(policies.policy("inventory", "approved_price")).isEqualTo(ColumnPolicy.MANUAL);
        assertThat(policies.policy("inventory", "tags")).isEqualTo(ColumnPolicy.SET);
        assertThat(policies.columnsWith("inventory", ColumnPolicy.COUNTER)).containsExactly("stock");
    }

    @Test
    void unconfiguredColumnsAndTablesMergeByLastWriterWins() {
        MergePolicies policies = MergePolicies.parse(config(Map.of("stock", "counter")), SCHEMA);
        assertThat(policies.policy("inventory", "name")).isEqualTo(ColumnPolicy.LWW);
        assertThat(policies.policy("orders", "status")).isEqualTo(ColumnPolicy.LWW);
        assertThat(MergePolicies.parse(null, SCHEMA)).isEqualTo(MergePolicies.allLww());
    }

    @Test
    void anUnknownColumnIsAnErrorNamingItsKeyPath() {
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stok", "counter")), SCHEMA),
                "tables.inventory.columns.stok",
                "unknown column 'stok' of table inventory; known columns: approved_price, first_seen, name, note, price, stock, tags");
    }

    @Test
    void anUnknownTableIsAnErrorNamingIt() {
        assertConfigError(() -> MergePolicies.parse(Map.of("tables", Map.of("invntory", Map.of("columns", Map.of()))), SCHEMA),
                "tables.invntory", "unknown table 'invntory'; known tables: inventory, orders");
    }

    @Test
    void anUnknownPolicyIsAnErrorNamingItAndTheValidOnes() {
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stock", "countr")), SCHEMA),
                "tables.inventory.columns.stock",
                "unknown merge policy 'countr'; valid policies: lww, counter, set, max, min, manual");
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stock", Map.of("policy", "sum"))), SCHEMA),
                "tables.inventory.columns.stock.policy", "unknown merge policy 'sum'");
    }

    @Test
    void anUnknownInvariantIsAnErrorNamingIt() {
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stock",
                        Map.of("policy", "counter", "invariants", List.of("non_negative", "positive")))), SCHEMA),
                "tables.inventory.columns.stock.invariants[1]", "unknown invariant 'positive'; valid invariants: non_negative");
    }

    @Test
    void anInvariantOnANonCounterColumnIsAnError() {
        assertConfigError(() -> MergePolicies.parse(config(Map.of("price",
                        Map.of("policy", "max", "invariants", List.of("non_negative")))), SCHEMA),
                "tables.inventory.columns.price.invariants[0]", "needs policy counter");
        assertConfigError(() -> MergePolicies.builder().column("inventory", "price", ColumnPolicy.LWW, Invariant.NON_NEGATIVE).build(SCHEMA),
                "tables.inventory.columns.price", "needs policy counter");
    }

    @Test
    void unknownKeysAndWrongShapesAreErrorsNamingThePath() {
        assertConfigError(() -> MergePolicies.parse(Map.of("table", Map.of()), SCHEMA), "table", "unknown key; expected: tables");
        assertConfigError(() -> MergePolicies.parse(Map.of("tables", List.of()), SCHEMA), "tables", "expected a map");
        assertConfigError(() -> MergePolicies.parse(Map.of("tables", Map.of("inventory", Map.of("colums", Map.of()))), SCHEMA),
                "tables.inventory.colums", "unknown key; expected: columns");
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stock", Map.of("policy", "counter", "colour", "red"))), SCHEMA),
                "tables.inventory.columns.stock.colour", "unknown key; expected: policy, invariants");
        assertConfigError(() -> MergePolicies.parse(config(Map.of("stock", 7)), SCHEMA),
                "tables.inventory.columns.stock", "expected a policy name or a map");
    }

    @Test
    void theBuilderValidatesLikeTheParser() {
        assertConfigError(() -> MergePolicies.builder().column("inventory", "stok", ColumnPolicy.COUNTER).build(SCHEMA),
                "tables.inventory.columns.stok", "unknown column 'stok'");
    }

    private static void assertConfigError(ThrowingCallable call, String path, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(MergeConfigException.class)
                .hasMessageStartingWith(path + ": ")
                .hasMessageContaining(message)
                .extracting(e -> ((MergeConfigException) e).path()).isEqualTo(path);
    }
}
