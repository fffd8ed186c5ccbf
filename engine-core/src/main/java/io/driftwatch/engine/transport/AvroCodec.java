package io.driftwatch.engine.transport;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro values to and from Confluent-framed bytes, with schemas registered in and fetched from a
 * Confluent-compatible registry. Not thread-safe: one per thread.
 */
public final class AvroCodec {
    private final SchemaRegistryClient registry;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroCodec(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Registers {@code schema} under {@code subject} (cached) and frames the encoded value. */
    public byte[] encode(String subject, Schema schema, Object value) {
        int id = registry.register(subject, schema);
        return ConfluentWireFormat.frame(id, encodeBare(schema, value));
    }

    public byte[] encodeBare(Schema schema, Object value) {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            new GenericDatumWriter<>(schema).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Decodes a framed message with the writer schema its id names. */
    public Decoded decode(byte[] message) {
        int id = ConfluentWireFormat.schemaId(message);
        return decode(message, id, registry.schemaById(id));
    }

    /** Decodes a framed message with a writer schema already known; anything undecodable is a {@link MalformedRecordException}. */
    public Decoded decode(byte[] message, int id, Schema writer) {
        int length = message.length - ConfluentWireFormat.HEADER_SIZE;
        try {
            // A corrupt length of a string, bytes, array or map makes Avro's reader allocate that
            // much before it notices the bytes are not there (a few bytes can ask for gigabytes).
            // Skipping the value first checks every length against the bytes present without
            // allocating; only a value that skips to exactly its end is then read.
            decoder = DecoderFactory.get().binaryDecoder(message, ConfluentWireFormat.HEADER_SIZE, length, decoder);
            GenericDatumReader.skip(writer, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedRecordException("trailing bytes after an Avro value of schema id " + id);
            }
            decoder = DecoderFactory.get().binaryDecoder(message, ConfluentWireFormat.HEADER_SIZE, length, decoder);
            Object value = new GenericDatumReader<>(writer).read(null, decoder); // the same bytes the skip walked, to the end
            return new Decoded(id, writer, value);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRecordException m) {
                throw m;
            }
            throw new MalformedRecordException("cannot decode an Avro value of schema id " + id + ": " + e, e);
        }
    }

    /** A decoded value and the schema it was written with. */
    public record Decoded(int schemaId, Schema schema, Object value) {}
}
