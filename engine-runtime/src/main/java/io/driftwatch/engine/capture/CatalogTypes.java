package io.driftwatch.engine.capture;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro type capture gives a PostgreSQL column, worked out from the catalog alone: what
 * Debezium (with capture's settings: precise decimals, adaptive microsecond times) and
 * {@link ConnectAvroConverter} together make of it, as docs/TYPES.md lists. Pure.
 *
 * <p>Why it exists: Debezium describes a table only when its first change arrives, so a table
 * without rows would have no view. Types it cannot map are left out, as Debezium leaves out
 * columns of unknown types ({@code include.unknown.datatypes=false}).
 */
final class CatalogTypes {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    private CatalogTypes() {}

    /**
     * The Avro schema of a column of PostgreSQL type {@code typeName} ({@code pg_type.typname}),
     * formatted as {@code formatted} ({@code format_type}, e.g. {@code numeric(12,2)}), of type
     * category {@code category} ({@code E} enum, {@code A} array) with element type
     * {@code elementTypeName} for arrays; empty if capture does not carry such a column.
     */
    static Optional<Schema> of(String typeName, String formatted, String category, String elementTypeName) {
        if ("A".equals(category)) {
            return elementTypeName == null ? Optional.empty()
                    : of(elementTypeName, elementTypeName, "", null).map(e -> Schema.createArray(optional(e)));
        }
        if ("E".equals(category)) {
            return Optional.of(Schema.create(Schema.Type.STRING));
        }
        return Optional.ofNullable(switch (typeName) {
            case "int2", "int4" -> Schema.create(Schema.Type.INT);
            case "int8", "oid", "interval" -> Schema.create(Schema.Type.LONG);
            case "float4" -> Schema.create(Schema.Type.FLOAT);
            case "float8" -> Schema.create(Schema.Type.DOUBLE);
            case "bool" -> Schema.create(Schema.Type.BOOLEAN);
            case "bytea" -> Schema.create(Schema.Type.BYTES);
            case "date" -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case "time" -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case "timestamp" -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case "uuid" -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case "numeric" -> numeric(formatted);
            case "text", "varchar", "bpchar", "char", "name", "citext", "json", "jsonb", "xml", "timestamptz", "timetz",
                 "inet", "cidr", "macaddr", "macaddr8", "ltree", "tsvector" -> Schema.create(Schema.Type.STRING);
            default -> null;
        });
    }

    /** {@code numeric(p,s)} is an Avro decimal; {@code numeric} without precision a record of scale and unscaled value. */
    private static Schema numeric(String formatted) {
        Matcher m = NUMERIC.matcher(formatted.replace(" ", ""));
        if (m.matches()) {
            return LogicalTypes.decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).addToSchema(Schema.create(Schema.Type.BYTES));
        }
        return Schema.createRecord("VariableScaleDecimal", null, "io.debezium.data", false, java.util.List.of(
                new Schema.Field("scale", Schema.create(Schema.Type.INT)), new Schema.Field("value", Schema.create(Schema.Type.BYTES))));
    }

    /** {@code schema}, or NULL besides it: the shape of a nullable column. */
    static Schema optional(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }
}
