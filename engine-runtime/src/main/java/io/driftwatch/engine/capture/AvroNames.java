package io.driftwatch.engine.capture;

/**
 * Avro names allow only {@code [A-Za-z_][A-Za-z0-9_]*} per segment, while PostgreSQL allows far
 * more in table and column names; anything else becomes an underscore.
 */
final class AvroNames {
    private AvroNames() {}

    static String name(String raw) {
        StringBuilder b = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (i == 0 && c >= '0' && c <= '9') {
                b.append('_');
                ok = true;
            }
            b.append(ok ? c : '_');
        }
        return b.length() == 0 ? "_" : b.toString();
    }

    static String namespace(String raw) {
        String[] parts = raw.split("\\.");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(name(part));
            }
        }
        return b.toString();
    }
}
