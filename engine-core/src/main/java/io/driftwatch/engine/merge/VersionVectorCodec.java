package io.driftwatch.engine.merge;

import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of a {@link VersionVector} for a Kafka record header.
 *
 * <pre>
 *   varint  entry count (0..{@value #MAX_ENTRIES})
 *   repeated, region ids strictly ascending:
 *     varint  region id length in bytes (1..{@value #MAX_REGION_BYTES})
 *     bytes   region id, UTF-8
 *     varint  counter (1..2^63-1)
 * </pre>
 *
 * Varints are unsigned LEB128 (7 bits per byte, low bits first). Two regions at a few thousand
 * changes per key cost about 25 bytes.
 *
 * <p>Why canonical (sorted, no zero counters, no overlong varints, no trailing bytes): equal
 * vectors then have equal bytes, so headers can be compared and hashed without decoding, and the
 * decoder can refuse anything else as corrupt instead of guessing.
 */
public final class VersionVectorCodec {
    /** Far more regions than any deployment has; bounds what a hostile header can make us allocate. */
    public static final int MAX_ENTRIES = 1024;
    public static final int MAX_REGION_BYTES = 255;
    private static final String FORMAT = "version vector";

    private VersionVectorCodec() {
    }

    public static byte[] encode(VersionVector vector) {
        if (vector.entries().size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a version vector header holds at most " + MAX_ENTRIES + " regions, got " + vector.entries().size());
        }
        HeaderWriter out = new HeaderWriter().varint(vector.entries().size());
        for (Map.Entry<String, Long> e : vector.entries().entrySet()) {
            out.string(e.getKey(), MAX_REGION_BYTES, "region id").varint(e.getValue());
        }
        return out.toByteArray();
    }

    /** @throws MalformedHeaderException if the bytes are not exactly one canonical vector */
    public static VersionVector decode(byte[] bytes) {
        HeaderReader in = new HeaderReader(bytes, FORMAT);
        int count = in.boundedVarint("entry count", MAX_ENTRIES);
        // Each entry takes at least 3 bytes (length, one byte of id, counter): refuse a count the
        // remaining bytes cannot hold before building anything.
        if ((long) count * 3 > in.remaining()) {
            throw in.malformed("truncated: " + count + " entries cannot fit in " + in.remaining() + " bytes");
        }
        TreeMap<String, Long> entries = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String region = in.string("region id #" + i, MAX_REGION_BYTES);
            if (region.isEmpty()) {
                throw in.malformed("region id #" + i + " is empty");
            }
            if (previous != null && previous.compareTo(region) >= 0) {
                throw in.malformed("region ids not strictly ascending ('" + previous + "' then '" + region + "')");
            }
            long counter = in.varint("counter of " + region);
            if (counter == 0) {
                throw in.malformed("counter of " + region + " is zero; the canonical form omits zero entries");
            }
            entries.put(region, counter);
            previous = region;
        }
        in.expectEnd();
        return new VersionVector(entries);
    }
}
