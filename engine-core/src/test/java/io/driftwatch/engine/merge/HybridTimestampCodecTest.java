package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HybridTimestampCodecTest {

    @Test
    void encodesACurrentTimestampInAboutEighteenBytes() {
        byte[] bytes = HybridTimestampCodec.encode(new HybridTimestamp(1_732_000_000_000L, 3, "us-east-1"));
        assertThat(bytes).hasSize(6 + 1 + 1 + 9);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] bytes = HybridTimestampCodec.encode(new HybridTimestamp(1_732_000_000_000L, 300, "eu-west-1"));
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> HybridTimestampCodec.decode(prefix))
                    .isInstanceOf(MalformedHeaderException.class)
                    .hasMessageStartingWith("malformed hybrid timestamp header");
        }
    }

    @Test
    void rejectsALogicalCounterBeyondAnInt() {
        byte[] bytes = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0};
        assertThatThrownBy(() -> HybridTimestampCodec.decode(bytes))
                .isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("logical counter is 2147483648");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] bytes = Arrays.copyOf(HybridTimestampCodec.encode(new HybridTimestamp(1, 1, "a")), 5);
        assertThatThrownBy(() -> HybridTimestampCodec.decode(bytes)).hasMessageContaining("trailing");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void decodeInvertsEncode(@ForAll("timestamps") HybridTimestamp timestamp) {
        assertThat(HybridTimestampCodec.decode(HybridTimestampCodec.encode(timestamp))).isEqualTo(timestamp);
    }

    @Provide
    Arbitrary<HybridTimestamp> timestamps() {
        return Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.strings().withCharRange('a', 'z').withChars("-0123456789é日").ofMaxLength(30))
                .as(HybridTimestamp::new);
    }
}
