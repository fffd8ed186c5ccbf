package io.driftwatch.engine.sink;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The ClickHouse column type for an Avro field, using only types that ClickHouse 18.16 and
 * current releases both accept. Timestamps become Int64 microseconds because 18.16 has no
 * DateTime64 and DateTime would drop the microseconds; bytes become hex strings; arrays cannot be
 * Nullable in ClickHouse, so a NULL array arrives as an empty one (documented in docs/VIEWS.md).
 */
public final class ClickHouseTypes {
    private ClickHouseTypes() {}

    public static String of(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            Schema inner = nonNull(schema);
            String type = of(inner);
            return type.startsWith("Array(") || type.startsWith("Nullable(") ? type : "Nullable(" + type + ")";
        }
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case INT -> logical instanceof LogicalTypes.Date ? "Date" : "Int32";
            case LONG -> "Int64";
            case FLOAT -> "Float32";
            case DOUBLE -> "Float64";
            case BOOLEAN -> "UInt8";
            case STRING, ENUM, MAP, RECORD, FIXED -> "String";
            case BYTES -> logical instanceof LogicalTypes.Decimal d
                    ? "Decimal(" + Math.min(38, d.getPrecision()) + ", " + d.getScale() + ")" : "String";
            case ARRAY -> "Array(" + elementType(schema.getElementType()) + ")";
            case NULL, UNION -> throw new IllegalArgumentException("no column type for Avro " + schema);
        };
    }

    private static String elementType(Schema element) {
        String type = of(element);
        return type.startsWith("Array(") ? type : type;
    }

    /** The non-null branch of a ["null", T] union. */
    public static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a union of only null: " + schema));
    }
}
