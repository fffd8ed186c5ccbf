package io.driftwatch.engine.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * An order-independent fingerprint of a table's rows: the row count and the wrapping sum of a
 * 64-bit hash of each row's canonical text (columns sorted by name, values canonical). Two
 * tables with the same rows have the same digest whatever order they are read in.
 */
public record TableDigest(long rows, long checksum) {

    public static TableDigest empty() {
        return new TableDigest(0, 0);
    }

    /** Adds one row, given as column name → canonical value (null for SQL NULL). */
    public TableDigest plus(Map<String, String> row) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(row).forEach((column, value) -> text.append(column).append('=')
                .append(value == null ? "\u2205" : value).append('\u001f'));
        return new TableDigest(rows + 1, checksum + hash(text.toString()));
    }

    static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
