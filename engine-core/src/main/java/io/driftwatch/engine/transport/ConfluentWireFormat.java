package io.driftwatch.engine.transport;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: a zero magic byte, the schema's 4-byte big-endian registry id, then
 * the Avro binary encoding. Any Confluent-compatible consumer can read what this writes.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(HEADER_SIZE + avro.length).put(MAGIC).putInt(schemaId).put(avro).array();
    }

    /** The schema id of a framed message; rejects anything that is not in the wire format. */
    public static int schemaId(byte[] message) {
        if (message == null || message.length < HEADER_SIZE) {
            throw new MalformedRecordException("not in the Confluent wire format: "
                    + (message == null ? "no bytes" : message.length + " byte(s), at least 5 needed"));
        }
        if (message[0] != MAGIC) {
            throw new MalformedRecordException("not in the Confluent wire format: magic byte is "
                    + (message[0] & 0xff) + ", expected 0");
        }
        int id = ByteBuffer.wrap(message, 1, 4).getInt();
        if (id < 0) {
            throw new MalformedRecordException("not in the Confluent wire format: negative schema id " + id);
        }
        return id;
    }
}
