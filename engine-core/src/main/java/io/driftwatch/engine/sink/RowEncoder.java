package io.driftwatch.engine.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro row image as a JSONEachRow object ClickHouse accepts: decimals as exact numbers, dates
 * as {@code YYYY-MM-DD}, booleans as 0/1, bytes as hex, variable-scale decimals as decimal text.
 */
public final class RowEncoder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RowEncoder() {}

    public static ObjectNode encode(GenericRecord row) {
        ObjectNode out = JSON.objectNode();
        for (Schema.Field field : row.getSchema().getFields()) {
            out.set(field.name(), value(field.schema(), row.get(field.pos())));
        }
        return out;
    }

    static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            Schema inner = ClickHouseTypes.nonNull(schema);
            return inner.getType() == Schema.Type.ARRAY ? JSON.arrayNode() : JSON.nullNode();
        }
        Schema s = ClickHouseTypes.nonNull(schema);
        return switch (s.getType()) {
            case INT -> s.getLogicalType() instanceof LogicalTypes.Date
                    ? JSON.textNode(LocalDate.ofEpochDay((Integer) value).toString()) : JSON.numberNode((Integer) value);
            case LONG -> JSON.numberNode((Long) value);
            case FLOAT -> JSON.numberNode((Float) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case BOOLEAN -> JSON.numberNode(((Boolean) value) ? 1 : 0);
            case STRING, ENUM -> JSON.textNode(value.toString());
            case BYTES -> {
                byte[] bytes = bytes((ByteBuffer) value);
                yield s.getLogicalType() instanceof LogicalTypes.Decimal d
                        ? JSON.numberNode(new BigDecimal(new BigInteger(bytes), d.getScale()))
                        : JSON.textNode(HexFormat.of().formatHex(bytes));
            }
            case FIXED -> JSON.textNode(HexFormat.of().formatHex(((org.apache.avro.generic.GenericFixed) value).bytes()));
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                for (Object element : (List<?>) value) {
                    array.add(value(s.getElementType(), element));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode map = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), value(s.getValueType(), v)));
                yield JSON.textNode(map.toString());
            }
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                if (record.getSchema().getField("scale") != null && record.getSchema().getField("value") != null) {
                    // io.debezium.data.VariableScaleDecimal: unconstrained numeric, kept exact as text.
                    yield JSON.textNode(new BigDecimal(new BigInteger(bytes((ByteBuffer) record.get("value"))),
                            (Integer) record.get("scale")).toPlainString());
                }
                yield JSON.textNode(encode(record).toString());
            }
            case NULL, UNION -> JSON.nullNode();
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
