package io.driftwatch.engine.schema;

import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Short, readable names for Avro types: {@code int}, {@code long<timestamp-micros>},
 * {@code ["null","string"]}, {@code array<int>}, and a named type by its simple name.
 *
 * <p>Why not {@link Schema#toString()}: a nested record prints as its whole definition, which
 * buries the one word that changed. Named types are shown by name only; what changed inside them
 * is reported field by field, with a dotted path.
 */
final class TypeNames {
    private TypeNames() {}

    static String of(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> schema.getTypes().stream().map(b -> "\"" + of(b) + "\"").collect(Collectors.joining(",", "[", "]"));
            case ARRAY -> "array<" + of(schema.getElementType()) + ">";
            case MAP -> "map<" + of(schema.getValueType()) + ">";
            case RECORD, ENUM, FIXED -> withLogical(schema.getName(), schema.getLogicalType());
            default -> withLogical(schema.getType().getName(), schema.getLogicalType());
        };
    }

    private static String withLogical(String base, LogicalType logical) {
        if (logical == null) {
            return base;
        }
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return base + "<decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")>";
        }
        return base + "<" + logical.getName() + ">";
    }
}
