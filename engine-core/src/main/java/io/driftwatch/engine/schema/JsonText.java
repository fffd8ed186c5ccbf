package io.driftwatch.engine.schema;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;

/**
 * Field defaults as JSON text, the way they are written in an {@code .avsc} file.
 *
 * <p>Why a few lines of our own: Avro hands defaults back as plain Java values
 * ({@link org.apache.avro.Schema.Field#defaultVal()}), and showing them as the schema's author
 * wrote them needs only strings, numbers, booleans, null, lists and maps.
 */
final class JsonText {
    private JsonText() {}

    static String of(Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return "null";
        }
        if (value instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (value instanceof byte[] bytes) {
            // Avro writes bytes defaults as a string of ISO-8859-1 code points.
            return quote(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ":" + of(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(JsonText::of).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
