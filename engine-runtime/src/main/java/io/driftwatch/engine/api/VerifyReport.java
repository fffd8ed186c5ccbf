package io.driftwatch.engine.api;

import java.util.List;

/** The outcome of comparing every captured source table with its consistent view. */
public record VerifyReport(List<Table> tables) {
    public VerifyReport {
        tables = List.copyOf(tables);
    }

    public record Table(String source, String view, long sourceRows, long viewRows, boolean matches, String problem) {}

    public boolean allMatch() {
        return !tables.isEmpty() && tables.stream().allMatch(Table::matches);
    }
}
