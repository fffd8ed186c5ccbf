package io.driftwatch.engine.merging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Column values between JSON rows and the merge: integers become {@code Long}, other numbers
 * {@code BigDecimal} (scale kept), arrays {@code List}; text, booleans and null stay. One
 * canonical Java type per JSON value, so equal values from two regions compare equal.
 */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {}

    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            // Array columns merge as sets; a NULL element has no identity to add or remove.
            List<Object> list = new ArrayList<>();
            node.forEach(element -> {
                Object value = toJava(element);
                if (value != null) {
                    list.add(value);
                }
            });
            return List.copyOf(list);
        }
        return node.asText();
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            c.forEach(element -> array.add(toJson(element)));
            return array;
        }
        return NODES.textNode(value.toString());
    }

    /** A counter column's value as a whole number, or an error naming the column. */
    public static long integer(Object value, String column) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("counter column " + column + " holds " + d + ", which is not a whole number");
            }
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("counter column " + column + " holds '" + s + "', which is not a whole number");
            }
        }
        throw new IllegalArgumentException("counter column " + column + " holds " + value + ", which is not a number");
    }
}
