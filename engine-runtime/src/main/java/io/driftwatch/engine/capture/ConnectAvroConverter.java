package io.driftwatch.engine.capture;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Debezium's Kafka Connect schemas and values into Avro schemas and values.
 *
 * <p>The mapping (documented in docs/TYPES.md) keeps every value exact: PostgreSQL
 * {@code numeric(p,s)} becomes an Avro {@code decimal}; dates, times and timestamps become Avro's
 * date/time logical types; {@code timestamptz}, {@code jsonb}, enums and {@code uuid} stay strings
 * (uuid with Avro's {@code uuid} logical type); arrays become Avro arrays. Each Avro schema keeps
 * the Connect semantic name in a {@code connect.name} property, so decoders downstream know
 * what a string or number means.
 *
 * <p>Why a cache keyed by identity: Debezium reuses one schema object per table until the table
 * changes, so the conversion runs once per table version, not once per row.
 */
public final class ConnectAvroConverter {
    public static final String CONNECT_NAME = "connect.name";

    private final Map<org.apache.kafka.connect.data.Schema, Schema> cache = new IdentityHashMap<>();

    public synchronized Schema toAvro(org.apache.kafka.connect.data.Schema connect) {
        Schema cached = cache.get(connect);
        if (cached == null) {
            cached = convert(connect, new HashMap<>());
            cache.put(connect, cached);
        }
        return cached;
    }

    private Schema convert(org.apache.kafka.connect.data.Schema connect, Map<String, Schema> named) {
        Schema base = convertRequired(connect, named);
        return connect.isOptional() ? Schema.createUnion(Schema.create(Schema.Type.NULL), base) : base;
    }

    private Schema convertRequired(org.apache.kafka.connect.data.Schema connect, Map<String, Schema> named) {
        String name = connect.name();
        Schema avro = switch (connect.type()) {
            case INT8, INT16 -> Schema.create(Schema.Type.INT);
            case INT32 -> {
                Schema s = Schema.create(Schema.Type.INT);
                if ("io.debezium.time.Date".equals(name) || org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(name)) {
                    LogicalTypes.date().addToSchema(s);
                } else if ("io.debezium.time.Time".equals(name)) {
                    LogicalTypes.timeMillis().addToSchema(s);
                }
                yield s;
            }
            case INT64 -> {
                Schema s = Schema.create(Schema.Type.LONG);
                if ("io.debezium.time.MicroTimestamp".equals(name)) {
                    LogicalTypes.localTimestampMicros().addToSchema(s);
                } else if ("io.debezium.time.Timestamp".equals(name)) {
                    LogicalTypes.localTimestampMillis().addToSchema(s);
                } else if ("io.debezium.time.MicroTime".equals(name)) {
                    LogicalTypes.timeMicros().addToSchema(s);
                } else if (org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(name)) {
                    LogicalTypes.timestampMillis().addToSchema(s);
                }
                yield s;
            }
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case STRING -> {
                Schema s = Schema.create(Schema.Type.STRING);
                if ("io.debezium.data.Uuid".equals(name)) {
                    LogicalTypes.uuid().addToSchema(s);
                }
                yield s;
            }
            case BYTES -> {
                Schema s = Schema.create(Schema.Type.BYTES);
                if (Decimal.LOGICAL_NAME.equals(name)) {
                    Map<String, String> params = connect.parameters() == null ? Map.of() : connect.parameters();
                    int scale = Integer.parseInt(params.getOrDefault(Decimal.SCALE_FIELD, "0"));
                    int precision = Integer.parseInt(params.getOrDefault("connect.decimal.precision", "38"));
                    LogicalTypes.decimal(Math.max(precision, Math.max(scale, 1)), scale).addToSchema(s);
                }
                yield s;
            }
            case ARRAY -> Schema.createArray(convert(connect.valueSchema(), named));
            case MAP -> connect.keySchema().type() == org.apache.kafka.connect.data.Schema.Type.STRING
                    ? Schema.createMap(convert(connect.valueSchema(), named))
                    : Schema.createArray(mapEntry(connect, named));
            case STRUCT -> record(connect, named);
        };
        if (name != null && avro.getType() != Schema.Type.RECORD) {
            avro.addProp(CONNECT_NAME, name);
        }
        if (connect.parameters() != null && connect.parameters().containsKey("allowed")) {
            avro.addProp("connect.allowed", connect.parameters().get("allowed"));
        }
        return avro;
    }

    private Schema record(org.apache.kafka.connect.data.Schema connect, Map<String, Schema> named) {
        String fullName = connect.name() == null ? "Struct" : connect.name();
        Schema existing = named.get(fullName);
        if (existing != null) {
            return existing;
        }
        int dot = fullName.lastIndexOf('.');
        String namespace = dot < 0 ? null : AvroNames.namespace(fullName.substring(0, dot));
        String simple = AvroNames.name(dot < 0 ? fullName : fullName.substring(dot + 1));
        Schema record = Schema.createRecord(simple, connect.doc(), namespace, false);
        named.put(fullName, record);
        List<Schema.Field> fields = new ArrayList<>();
        for (Field field : connect.fields()) {
            Schema fieldSchema = convert(field.schema(), named);
            Object defaultValue = field.schema().isOptional() ? JsonProperties.NULL_VALUE : null;
            fields.add(new Schema.Field(AvroNames.name(field.name()), fieldSchema, null, defaultValue));
        }
        record.setFields(fields);
        if (connect.version() != null) {
            record.addProp("connect.version", connect.version());
        }
        record.addProp(CONNECT_NAME, fullName);
        return record;
    }

    private Schema mapEntry(org.apache.kafka.connect.data.Schema connect, Map<String, Schema> named) {
        Schema entry = Schema.createRecord("MapEntry", null, "io.driftwatch.connect", false);
        entry.setFields(List.of(
                new Schema.Field("key", convert(connect.keySchema(), named)),
                new Schema.Field("value", convert(connect.valueSchema(), named))));
        return entry;
    }

    /** Converts a Connect value (a {@link Struct}, list, map or primitive) to its Avro form. */
    public Object toAvroValue(org.apache.kafka.connect.data.Schema connect, Object value) {
        return value(connect, toAvro(connect), value);
    }

    private Object value(org.apache.kafka.connect.data.Schema connect, Schema avro, Object value) {
        if (value == null) {
            return null;
        }
        Schema target = avro.getType() == Schema.Type.UNION ? avro.getTypes().get(1) : avro;
        return switch (connect.type()) {
            case INT8 -> ((Byte) value).intValue();
            case INT16 -> ((Short) value).intValue();
            case INT32 -> value instanceof java.util.Date d ? (int) (d.getTime() / 86_400_000L) : value;
            case INT64 -> value instanceof java.util.Date d ? d.getTime() : value;
            case FLOAT32, FLOAT64, BOOLEAN, STRING -> value;
            case BYTES -> {
                if (value instanceof BigDecimal decimal) {
                    yield ByteBuffer.wrap(decimal.unscaledValue().toByteArray());
                }
                yield value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
            }
            case ARRAY -> {
                List<?> list = (List<?>) value;
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(value(connect.valueSchema(), target.getElementType(), element));
                }
                yield new GenericData.Array<>(target, out);
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                if (target.getType() == Schema.Type.MAP) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    map.forEach((k, v) -> out.put((String) k, value(connect.valueSchema(), target.getValueType(), v)));
                    yield out;
                }
                List<Object> entries = new ArrayList<>();
                Schema entrySchema = target.getElementType();
                map.forEach((k, v) -> {
                    GenericData.Record entry = new GenericData.Record(entrySchema);
                    entry.put("key", value(connect.keySchema(), entrySchema.getField("key").schema(), k));
                    entry.put("value", value(connect.valueSchema(), entrySchema.getField("value").schema(), v));
                    entries.add(entry);
                });
                yield new GenericData.Array<>(target, entries);
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(target);
                for (Field field : connect.fields()) {
                    Schema.Field avroField = target.getField(AvroNames.name(field.name()));
                    record.put(avroField.pos(), value(field.schema(), avroField.schema(), struct.get(field)));
                }
                yield record;
            }
        };
    }
}
