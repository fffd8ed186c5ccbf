package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VersionVectorCodecTest {

    @Test
    void encodesCompactlyForAKafkaHeader() {
        byte[] bytes = VersionVectorCodec.encode(VersionVector.of("us-east-1", 1234, "eu-west-1", 7));
        assertThat(bytes).hasSize(1 + (1 + 9 + 1) + (1 + 9 + 2));
        assertThat(VersionVectorCodec.decode(bytes)).isEqualTo(VersionVector.of("us-east-1", 1234, "eu-west-1", 7));
    }

    @Test
    void theEmptyVectorIsOneZeroByte() {
        assertThat(VersionVectorCodec.encode(VersionVector.empty())).containsExactly(0);
        assertThat(VersionVectorCodec.decode(new byte[] {0})).isEqualTo(VersionVector.empty());
    }

    @Test
    void rejectsEveryTruncationWithAClearMessage() {
        byte[] bytes = VersionVectorCodec.encode(VersionVector.of("us-east-1", 300, "eu-west-1", 7));
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> VersionVectorCodec.decode(prefix))
                    .isInstanceOf(MalformedHeaderException.class)
                    .hasMessageStartingWith("malformed version vector header");
        }
    }

    @Test
    void rejectsAnEntryCountAboveTheLimitWithoutAllocating() {
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThatThrownBy(() -> VersionVectorCodec.decode(huge))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("entry count is 4294967295, more than the limit of 1024");
    }

    @Test
    void rejectsACountTheRemainingBytesCannotHold() {
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {100, 1, 'a', 1}))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("100 entries cannot fit in 3 bytes");
    }

    @Test
    void rejectsAnOversizedRegionId() {
        byte[] bytes = {1, (byte) 0x80, 0x02, 'a', 1}; // length 256
        assertThatThrownBy(() -> VersionVectorCodec.decode(bytes))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("region id #0 length is 256, more than the limit of 255");
    }

    @Test
    void rejectsACounterThatOverflowsSixtyThreeBits() {
        byte[] bytes = {1, 1, 'a', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        assertThatThrownBy(() -> VersionVectorCodec.decode(bytes))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("does not fit in 63 bits");
    }

    @Test
    void rejectsNonCanonicalInput() {
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {2, 1, 'b', 1, 1, 'a', 1}))
                .hasMessageContaining("not strictly ascending");
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {2, 1, 'a', 1, 1, 'a', 2}))
                .hasMessageContaining("not strictly ascending");
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {1, 1, 'a', 0}))
                .hasMessageContaining("zero");
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {1, 1, 'a', (byte) 0x81, 0x00}))
                .hasMessageContaining("overlong");
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {1, 1, 'a', 1, 9}))
                .hasMessageContaining("1 unexpected trailing bytes");
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {1, 0, 1, 1}))
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsARegionIdThatIsNotUtf8() {
        assertThatThrownBy(() -> VersionVectorCodec.decode(new byte[] {1, 1, (byte) 0xC3, 1}))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rejectsANullHeader() {
        assertThatThrownBy(() -> VersionVectorCodec.decode(null)).isInstanceOf(MalformedHeaderException.class);
    }

    @Test
    void refusesToEncodeWhatItCouldNotDecode() {
        assertThatThrownBy(() -> VersionVectorCodec.encode(VersionVector.of("x".repeat(256), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> VersionVectorCodec.encode(VersionVector.of("bad\uD800", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid Unicode");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void decodeInvertsEncode(@ForAll("vectors") VersionVector vector) {
        assertThat(VersionVectorCodec.decode(VersionVectorCodec.encode(vector))).isEqualTo(vector);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void arbitraryBytesAreEitherRefusedCleanlyOrTheCanonicalEncodingOfAVector(@ForAll("headerBytes") byte[] bytes) {
        VersionVector decoded;
        try {
            decoded = VersionVectorCodec.decode(bytes);
        } catch (MalformedHeaderException expected) {
            return;
        }
        assertThat(VersionVectorCodec.encode(decoded)).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<VersionVector> vectors() {
        Arbitrary<String> regionIds = Arbitraries.strings()
                .withCharRange('a', 'z').withChars("-_:/.0123456789é日本\u00df")
                .ofMinLength(1).ofMaxLength(40);
        Arbitrary<Long> counters = Arbitraries.oneOf(Arbitraries.longs().between(0, 200), Arbitraries.longs().between(0, Long.MAX_VALUE));
        return Arbitraries.maps(regionIds, counters).ofMaxSize(8).map(m -> VersionVector.of(Map.copyOf(m)));
    }

    @Provide
    Arbitrary<byte[]> headerBytes() {
        // Mostly small values so that structurally valid headers come up too.
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes().between((byte) 0, (byte) 3)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 'a', (byte) 'b')),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        return bytes.array(byte[].class).ofMaxSize(12);
    }
}
