package io.driftwatch.engine.merging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Row states and conflicts as bytes, for Flink's keyed state and the conflicts table's payload.
 * Java serialization, because the merge library's values are records of standard collections:
 * records deserialize through their canonical constructors, so a state read back is validated
 * like one built in memory.
 *
 * <p>Why a filter: these bytes come back from a checkpoint store and from a ClickHouse column,
 * places a third party may be able to write. Reading them may build only the merge's own values
 * and the standard values inside them (collections, boxed numbers, text, {@code BigDecimal},
 * time), within fixed bounds; any other class is refused before it is instantiated. Nothing read
 * from Kafka is Java-serialized (resolutions travel as {@link ResolutionFormat}).
 */
public final class StateBytes {
    /** What may be built while reading; everything else is refused before it is instantiated. */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(";",
            "maxdepth=64", "maxrefs=1000000", "maxarray=1000000", "maxbytes=268435456",
            "io.driftwatch.engine.merge.*",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.ImmutableCollections$*", "java.util.CollSer",
            "java.util.Collections$*", "java.util.Arrays$ArrayList", "java.util.Map$Entry",
            "java.lang.Object", "java.lang.Enum", "java.lang.Number", "java.lang.String", "java.lang.Long", "java.lang.Integer",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.Character",
            "java.math.BigDecimal", "java.math.BigInteger", "java.time.Ser", "java.time.Instant",
            "!*"));

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
        String[] refused = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = FILTER.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && refused[0] == null) {
                    refused[0] = info.serialClass() != null ? info.serialClass().getName()
                            : "depth " + info.depth() + ", " + info.references() + " references, " + info.streamBytes() + " bytes";
                }
                return status;
            });
            return type.cast(in.readObject());
        } catch (java.io.InvalidClassException e) {
            throw new IllegalArgumentException("refused to read a " + type.getSimpleName() + ": it holds a class outside the merge's values"
                    + " or exceeds their bounds (" + (refused[0] != null ? refused[0] : e.getMessage()) + ")", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a serialized " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
