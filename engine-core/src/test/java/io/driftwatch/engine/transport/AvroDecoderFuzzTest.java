package io.driftwatch.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Example;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Whatever bytes arrive on a capture topic, decoding either yields a value or refuses them with
 * a {@link MalformedRecordException} (which the job dead-letters with the reason): never another
 * exception, never a hang.
 */
class AvroDecoderFuzzTest {
    private static final Schema ENVELOPE = new Schema.Parser().parse("""
            {"type":"record","name":"Envelope","fields":[
              {"name":"before","type":["null",{"type":"record","name":"Value","fields":[
                 {"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}},
                 {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
                 {"name":"attrs","type":{"type":"map","values":"string"}}]}],"default":null},
              {"name":"after","type":["null","Value"],"default":null},
              {"name":"op","type":{"type":"enum","name":"Op","symbols":["c","u","d","r"]}}]}""");

    private final AvroCodec codec = new AvroCodec(new SchemaRegistryClient("http://127.0.0.1:9")); // never asked: the schema is given

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, 200).tuple3()
                .map(t -> mutate(valid(), t.get1(), t.get2(), t.get3()));
        return Arbitraries.oneOf(random, mutated);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void arbitraryBytesDecodeOrAreRefusedAsMalformed(@ForAll("payloads") byte[] avro) {
        byte[] framed = ConfluentWireFormat.frame(7, avro);
        try {
            AvroCodec.Decoded decoded = codec.decode(framed, 7, ENVELOPE);
            assertThat(decoded.schemaId()).isEqualTo(7);
            assertThat(GenericData.get().validate(ENVELOPE, decoded.value())).isTrue();
        } catch (MalformedRecordException refused) {
            assertThat(refused.getMessage()).contains("schema id 7");
        }
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void framesThatAreNotTheWireFormatAreRefusedBeforeDecoding(@ForAll("frames") byte[] message) {
        try {
            int id = ConfluentWireFormat.schemaId(message);
            assertThat(message[0]).isZero();
            assertThat(id).isNotNegative();
        } catch (MalformedRecordException refused) {
            assertThat(refused.getMessage()).startsWith("not in the Confluent wire format");
        }
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    }

    private static byte[] valid() {
        GenericRecord row = new GenericData.Record(ENVELOPE.getField("after").schema().getTypes().get(1));
        row.put("id", 42L);
        row.put("name", "widget");
        row.put("tags", java.util.List.of("red", "blue"));
        row.put("price", java.nio.ByteBuffer.wrap(new java.math.BigDecimal("12.50").unscaledValue().toByteArray()));
        row.put("attrs", java.util.Map.of("k", "v"));
        GenericRecord envelope = new GenericData.Record(ENVELOPE);
        envelope.put("after", row);
        envelope.put("op", new GenericData.EnumSymbol(ENVELOPE.getField("op").schema(), "c"));
        return new AvroCodec(new SchemaRegistryClient("http://127.0.0.1:9")).encodeBare(ENVELOPE, envelope);
    }

    /** A valid value with one byte changed and possibly cut short: the inputs most likely to reach deep into the decoder. */
    private static byte[] mutate(byte[] valid, int position, int value, int cut) {
        byte[] copy = java.util.Arrays.copyOf(valid, Math.max(1, valid.length - (cut % (valid.length + 1))));
        copy[position % copy.length] = (byte) value;
        return copy;
    }

    /**
     * A few bytes that claim a string, an array or a map of a billion and more: without the
     * skipping pass Avro's reader allocates what the length says before it finds the bytes
     * missing, and a fuzz run ran out of heap on such a value. Each is refused as malformed.
     */
    @Example
    void lengthsLargerThanTheMessageAreRefusedWithoutAllocatingThem() {
        byte[] hugeString = concat(new byte[] {2, 0}, varint(1L << 30));
        byte[] hugeArray = concat(new byte[] {2, 0, 0}, varint(Integer.MAX_VALUE - 16));
        byte[] hugeMap = concat(new byte[] {2, 0, 0, 0, 0}, varint(Integer.MAX_VALUE - 16));
        byte[] negativeString = concat(new byte[] {2, 0}, varint(-5));
        for (byte[] avro : new byte[][] {hugeString, hugeArray, hugeMap, negativeString}) {
            try {
                codec.decode(ConfluentWireFormat.frame(7, avro), 7, ENVELOPE);
                throw new AssertionError("decoded a value whose lengths exceed its bytes");
            } catch (MalformedRecordException refused) {
                assertThat(refused.getMessage()).contains("schema id 7");
            }
        }
    }

    /** Avro's zig-zag varint of {@code n}. */
    private static byte[] varint(long n) {
        long z = (n << 1) ^ (n >> 63);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
