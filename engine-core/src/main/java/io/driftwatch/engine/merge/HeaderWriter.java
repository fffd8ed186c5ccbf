package io.driftwatch.engine.merge;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends unsigned LEB128 varints and length-prefixed UTF-8 strings to a growing byte array.
 *
 * <p>Why not {@code ByteArrayOutputStream}: that lives in {@code java.io}, which the pure
 * packages do not touch; a header is a few dozen bytes, so a hand-grown array is enough.
 */
final class HeaderWriter {
    private byte[] bytes = new byte[32];
    private int size;

    HeaderWriter varint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints encode non-negative values only, got " + value);
        }
        while ((value & ~0x7FL) != 0) {
            put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        put((byte) value);
        return this;
    }

    /**
     * A UTF-8 string with a varint length. Strict encoding: a string with an unpaired surrogate
     * cannot round-trip, so it is refused here rather than silently replaced by '?'.
     */
    HeaderWriter string(String value, int maxBytes, String what) {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode: " + value, e);
        }
        int length = utf8.remaining();
        if (length > maxBytes) {
            throw new IllegalArgumentException(what + " is " + length + " bytes of UTF-8; at most " + maxBytes + " fit a header");
        }
        varint(length);
        while (utf8.hasRemaining()) {
            put(utf8.get());
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void put(byte b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = b;
    }
}
