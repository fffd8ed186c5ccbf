package io.driftwatch.engine.merge;

import java.util.List;
import java.util.Map;

/**
 * The GlobalMart inventory table the row tests merge: one column per policy, plus one that is not
 * configured (so it merges by the lww default).
 */
final class Inventory {
    static final String TABLE = "inventory";
    static final String KEY = "sku-42";

    static final String NAME = "name";            // lww
    static final String PRICE = "price";          // max
    static final String FIRST_SEEN = "first_seen"; // min
    static final String STOCK = "stock";          // counter, non_negative
    static final String TAGS = "tags";            // set
    static final String APPROVED = "approved_price"; // manual
    static final String NOTE = "note";            // not configured: lww

    static final List<String> COLUMNS = List.of(NAME, PRICE, FIRST_SEEN, STOCK, TAGS, APPROVED, NOTE);
    static final List<String> REGISTER_COLUMNS = List.of(NAME, PRICE, FIRST_SEEN, APPROVED, NOTE);

    static final SourceSchema SCHEMA = SourceSchema.of(Map.of(
            TABLE, COLUMNS,
            "orders", List.of("id", "status", "total")));

    private Inventory() {
    }

    static MergePolicies policies() {
        return MergePolicies.builder()
                .column(TABLE, NAME, ColumnPolicy.LWW)
                .column(TABLE, PRICE, ColumnPolicy.MAX)
                .column(TABLE, FIRST_SEEN, ColumnPolicy.MIN)
                .column(TABLE, STOCK, ColumnPolicy.COUNTER, Invariant.NON_NEGATIVE)
                .column(TABLE, TAGS, ColumnPolicy.SET)
                .column(TABLE, APPROVED, ColumnPolicy.MANUAL)
                .build(SCHEMA);
    }

    static RowMerger merger() {
        return new RowMerger(policies());
    }

    static RowState empty() {
        return RowState.empty(TABLE, KEY);
    }
}
