package io.driftwatch.engine.merge;

/**
 * The binary form of a {@link HybridTimestamp} for a Kafka record header.
 *
 * <pre>
 *   varint  physical milliseconds since the epoch
 *   varint  logical counter (0..2^31-1)
 *   varint  region id length in bytes (0..{@value VersionVectorCodec#MAX_REGION_BYTES})
 *   bytes   region id, UTF-8
 * </pre>
 *
 * About 18 bytes for a current time and a region like {@code us-east-1}. Why varints rather than
 * fixed 8 + 4 bytes: the logical counter is almost always small, and the codec shares its strict
 * reader with {@link VersionVectorCodec}.
 */
public final class HybridTimestampCodec {
    private static final String FORMAT = "hybrid timestamp";

    private HybridTimestampCodec() {
    }

    public static byte[] encode(HybridTimestamp timestamp) {
        return new HeaderWriter()
                .varint(timestamp.physicalMillis())
                .varint(timestamp.logical())
                .string(timestamp.region(), VersionVectorCodec.MAX_REGION_BYTES, "region id")
                .toByteArray();
    }

    /** @throws MalformedHeaderException if the bytes are not exactly one timestamp */
    public static HybridTimestamp decode(byte[] bytes) {
        HeaderReader in = new HeaderReader(bytes, FORMAT);
        long physical = in.varint("physical time");
        int logical = in.boundedVarint("logical counter", Integer.MAX_VALUE);
        String region = in.string("region id", VersionVectorCodec.MAX_REGION_BYTES);
        in.expectEnd();
        return new HybridTimestamp(physical, logical, region);
    }
}
