package io.driftwatch.engine.merging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Row states, changes and conflicts as bytes, for Flink's keyed state and the resolutions topic.
 * Java serialization, because the merge library's values are records of standard collections:
 * records deserialize through their canonical constructors, so a state read back is validated
 * like one built in memory.
 */
public final class StateBytes {
    private StateBytes() {}

    public static byte[] write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a serialized " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
