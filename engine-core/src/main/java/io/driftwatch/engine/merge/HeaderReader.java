package io.driftwatch.engine.merge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link HeaderWriter} wrote, refusing anything malformed with a
 * {@link MalformedHeaderException} that names the format and what is wrong.
 *
 * <p>Why so strict: header bytes come from the network. Every length and count is checked
 * against a bound and against the bytes actually left before anything is allocated, so hostile
 * input yields a clear message, never an index exception or an out-of-memory error. Overlong
 * varints are refused so that each value has exactly one encoding.
 */
final class HeaderReader {
    private final byte[] bytes;
    private final String format;
    private int position;

    HeaderReader(byte[] bytes, String format) {
        if (bytes == null) {
            throw new MalformedHeaderException(format + ": no bytes (null header value)");
        }
        this.bytes = bytes;
        this.format = format;
    }

    /** A non-negative varint of at most 63 bits. */
    long varint(String what) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            if (position >= bytes.length) {
                throw malformed("truncated while reading " + what);
            }
            byte b = bytes[position++];
            if (shift == 63 || (shift == 56 && (b & 0xFF) > 0x7F)) {
                throw malformed(what + " does not fit in 63 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw malformed(what + " has an overlong varint encoding");
                }
                return result;
            }
        }
    }

    /** A varint bounded by {@code max}, returned as an int. */
    int boundedVarint(String what, int max) {
        long value = varint(what);
        if (value > max) {
            throw malformed(what + " is " + value + ", more than the limit of " + max);
        }
        return (int) value;
    }

    String string(String what, int maxBytes) {
        int length = boundedVarint(what + " length", maxBytes);
        if (length > remaining()) {
            throw malformed("truncated: " + what + " needs " + length + " bytes, " + remaining() + " left");
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not valid UTF-8");
        }
    }

    int remaining() {
        return bytes.length - position;
    }

    void expectEnd() {
        if (remaining() != 0) {
            throw malformed(remaining() + " unexpected trailing bytes");
        }
    }

    MalformedHeaderException malformed(String problem) {
        return new MalformedHeaderException("malformed " + format + " header at byte " + position + ": " + problem);
    }
}
