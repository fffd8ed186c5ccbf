package io.driftwatch.app.conflicts;

import io.driftwatch.engine.api.ConflictDesk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A conflict desk in memory: two open conflicts like the merge test's, resolving one removes it and audits it. */
final class FakeConflicts implements ConflictSource {
    static final String PRICE = "c-price";
    static final String STOCK = "c-stock";

    final List<ConflictDesk.OpenConflict> open = new ArrayList<>();
    final List<ConflictDesk.AuditRecord> audit = new ArrayList<>();
    final List<String> resolved = new ArrayList<>();
    boolean merging = true;

    static FakeConflicts twoRegions() {
        FakeConflicts f = new FakeConflicts();
        f.open.add(new ConflictDesk.OpenConflict(PRICE, "CONCURRENT_MANUAL", "stock", "{\"sku\": \"sku-1\"}", "price", List.of(
                new ConflictDesk.Side("us-east-1", "6.00", vector(3, 0), "1700000000000.0@us-east-1"),
                new ConflictDesk.Side("eu-west-1", "7.00", vector(2, 1), "1700000000050.0@eu-west-1")),
                "7.00", "concurrent changes to manual column price", 1_700_000_001_000L));
        f.open.add(new ConflictDesk.OpenConflict(STOCK, "INVARIANT_VIOLATION", "stock", "{\"sku\": \"sku-1\"}", "stock", List.of(
                new ConflictDesk.Side("us-east-1", "4", vector(3, 0), "1700000000000.0@us-east-1"),
                new ConflictDesk.Side("eu-west-1", "3", vector(2, 1), "1700000000050.0@eu-west-1")),
                "-3", "stock is -3, below zero (non_negative)", 1_700_000_002_000L));
        return f;
    }

    static Map<String, Long> vector(long east, long west) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("us-east-1", east);
        v.put("eu-west-1", west);
        return v;
    }

    @Override
    public Snapshot read() {
        return merging ? new Snapshot(true, open, audit) : new Snapshot(false, List.of(), List.of());
    }

    @Override
    public ConflictDesk.AuditRecord resolve(String id, ConflictDesk.Choice choice, String operator, String reason) {
        ConflictDesk.OpenConflict c = open.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("conflict " + id + " is not open (resolved already, or unknown)"));
        String decision;
        String value;
        if (choice instanceof ConflictDesk.Choice.KeepSide keep) {
            decision = "keep side " + keep.index();
            value = c.sides().get(keep.index()).value();
        } else if (choice instanceof ConflictDesk.Choice.EnterValue enter) {
            decision = "enter value " + enter.value();
            value = enter.value();
        } else {
            decision = "accept the merge";
            value = c.merged();
        }
        resolved.add(id + ":" + decision + ":" + operator + ":" + reason);
        open.remove(c);
        ConflictDesk.AuditRecord r = new ConflictDesk.AuditRecord(id, operator, 1_700_000_100_000L + audit.size(), decision, value,
                c.merged(), reason, c.table(), c.key(), c.column());
        audit.add(r);
        return r;
    }
}
