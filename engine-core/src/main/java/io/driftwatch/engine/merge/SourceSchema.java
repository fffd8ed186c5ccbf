package io.driftwatch.engine.merge;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables and columns that exist at the source, against which merge configuration is
 * validated. Why its own value: the merge package must not read a database or a registry; the
 * caller derives this from the registered schemas and hands it in.
 */
public record SourceSchema(SortedMap<String, SortedSet<String>> columnsByTable) {

    public SourceSchema {
        Objects.requireNonNull(columnsByTable, "columnsByTable");
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
        columnsByTable.forEach((table, columns) ->
                copy.put(table, Collections.unmodifiableSortedSet(new TreeSet<>(columns))));
        columnsByTable = Collections.unmodifiableSortedMap(copy);
    }

    public static SourceSchema of(Map<String, ? extends Collection<String>> columnsByTable) {
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
        columnsByTable.forEach((table, columns) -> copy.put(table, new TreeSet<>(columns)));
        return new SourceSchema(copy);
    }

    public boolean hasTable(String table) {
        return columnsByTable.containsKey(table);
    }

    public boolean hasColumn(String table, String column) {
        return hasTable(table) && columnsByTable.get(table).contains(column);
    }

    public SortedSet<String> columns(String table) {
        return columnsByTable.getOrDefault(table, Collections.emptySortedSet());
    }
}
