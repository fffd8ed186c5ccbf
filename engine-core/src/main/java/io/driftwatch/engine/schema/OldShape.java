package io.driftwatch.engine.schema;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * A record of a table's new, incompatible shape rewritten in its old shape, for consumers that
 * have not migrated yet (the bridge). Fields are matched by name; a value whose type changed is
 * converted where that loses nothing (text holding a number back to the number, a number to
 * text, int to long, …); a field the old shape has and the new lacks takes its default. A value
 * that cannot be converted is an {@link IllegalArgumentException} naming the field, so the bridge
 * can set the record aside rather than invent a value.
 */
public final class OldShape {
    private OldShape() {}

    public static GenericRecord convert(GenericRecord value, Schema old) {
        return (GenericRecord) convertValue(value, old, old.getName());
    }

    private static Object convertValue(Object value, Schema target, String path) {
        if (target.getType() == Schema.Type.UNION) {
            if (value == null) {
                if (target.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                    return null;
                }
                throw new IllegalArgumentException(path + " is null, but the old shape requires a value");
            }
            IllegalArgumentException last = null;
            for (Schema branch : target.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    continue;
                }
                try {
                    return convertValue(value, branch, path);
                } catch (IllegalArgumentException e) {
                    last = e;
                }
            }
            throw last != null ? last : new IllegalArgumentException(path + ": no branch of " + target + " fits");
        }
        if (value == null) {
            if (target.getType() == Schema.Type.NULL) {
                return null;
            }
            throw new IllegalArgumentException(path + " is null, but the old shape requires a value");
        }
        switch (target.getType()) {
            case RECORD -> {
                if (!(value instanceof GenericRecord record)) {
                    throw new IllegalArgumentException(path + " is not a record");
                }
                GenericData.Record out = new GenericData.Record(target);
                for (Schema.Field f : target.getFields()) {
                    Schema.Field present = record.getSchema().getField(f.name());
                    if (present == null) {
                        out.put(f.name(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : convertValue(null, f.schema(), path + "." + f.name()));
                    } else {
                        out.put(f.name(), convertValue(record.get(f.name()), f.schema(), path + "." + f.name()));
                    }
                }
                return out;
            }
            case STRING -> {
                if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                    return new Utf8(value.toString());
                }
                if (value instanceof ByteBuffer) {
                    throw new IllegalArgumentException(path + " holds bytes, which the old text shape cannot hold");
                }
                return new Utf8(value.toString());
            }
            case INT -> {
                long l = whole(value, path);
                if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(path + " holds " + l + ", beyond the old int shape");
                }
                return (int) l;
            }
            case LONG -> {
                return whole(value, path);
            }
            case DOUBLE, FLOAT -> {
                double d = value instanceof Number n ? n.doubleValue() : parse(value, path).doubleValue();
                return target.getType() == Schema.Type.FLOAT ? (Object) (float) d : d;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                String text = value.toString();
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException(path + " holds '" + text + "', which is not a boolean");
            }
            case BYTES -> {
                if (target.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    BigDecimal d = value instanceof ByteBuffer ? null : parse(value, path);
                    if (d == null) {
                        return value;
                    }
                    return new Conversions.DecimalConversion().toBytes(d.setScale(decimal.getScale()), target, decimal);
                }
                if (value instanceof ByteBuffer) {
                    return value;
                }
                throw new IllegalArgumentException(path + " holds " + value + ", which the old bytes shape cannot hold");
            }
            default -> {
                return value;
            }
        }
    }

    private static long whole(Object value, String path) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        try {
            return parse(value, path).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + " holds " + value + ", which is not a whole number");
        }
    }

    private static BigDecimal parse(Object value, String path) {
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " holds '" + value + "', which is not a number");
        }
    }
}
