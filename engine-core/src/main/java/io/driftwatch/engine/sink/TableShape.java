package io.driftwatch.engine.sink;

import java.util.List;
import org.apache.avro.Schema;

/**
 * What a source table's consistent view is built from: its name ({@code schema.table}), its key
 * columns (empty for a table without a primary key) and the Avro schema of one row.
 */
public record TableShape(String table, List<String> keyColumns, Schema rowSchema) {
    public TableShape {
        keyColumns = List.copyOf(keyColumns);
    }
}
