package io.driftwatch.engine.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The safe path for a column dropped at the source: the field stays in the registered schema,
 * optional with a null default, marked deprecated since the version that first lacked it at the
 * source. Consumers still reading the field keep working (they read null); the deprecation
 * report ({@link #deprecated}) tells who must migrate before the field can really go.
 *
 * <p>Works on Debezium's change envelope: the row record (the type of {@code before} and
 * {@code after}) gains the fields the previous registered version had and the new one lacks.
 */
public final class DroppedFields {
    /** Field property: the subject version since which the field is absent at the source. */
    public static final String DEPRECATED_SINCE = "driftwatch.deprecated.since";

    private DroppedFields() {}

    /**
     * The envelope to register: {@code source} plus, in its row record, every field of
     * {@code registered} (the latest registered version, number {@code registeredVersion}) that the
     * source no longer has. Returns {@code source} itself when nothing was dropped.
     */
    public static Schema keep(Schema source, Schema registered, int registeredVersion) {
        Schema sourceRow = row(source);
        Schema registeredRow = row(registered);
        if (sourceRow == null || registeredRow == null) {
            return source;
        }
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field old : registeredRow.getFields()) {
            if (sourceRow.getField(old.name()) == null) {
                Schema.Field field = new Schema.Field(old.name(), optional(old.schema()), old.doc(), JsonProperties.NULL_VALUE);
                old.getObjectProps().forEach(field::addProp);
                if (old.getObjectProp(DEPRECATED_SINCE) == null) {
                    field.addProp(DEPRECATED_SINCE, registeredVersion + 1);
                }
                kept.add(field);
            }
        }
        if (kept.isEmpty()) {
            return source;
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : sourceRow.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.addAll(kept);
        Schema newRow = Schema.createRecord(sourceRow.getName(), sourceRow.getDoc(), sourceRow.getNamespace(), false, fields);
        sourceRow.getObjectProps().forEach(newRow::addProp);
        List<Schema.Field> envelopeFields = new ArrayList<>();
        for (Schema.Field f : source.getFields()) {
            Schema type = f.schema();
            if (f.name().equals("before") || f.name().equals("after")) {
                type = Schema.createUnion(Schema.create(Schema.Type.NULL), newRow);
            }
            Schema.Field copy = new Schema.Field(f.name(), type, f.doc(), f.defaultVal());
            f.getObjectProps().forEach(copy::addProp);
            envelopeFields.add(copy);
        }
        Schema envelope = Schema.createRecord(source.getName(), source.getDoc(), source.getNamespace(), false, envelopeFields);
        source.getObjectProps().forEach(envelope::addProp);
        return envelope;
    }

    /** {@code value} (of the source envelope) as a record of {@code kept}; kept fields are null. */
    public static GenericRecord adapt(GenericRecord value, Schema kept) {
        if (value.getSchema().equals(kept)) {
            return value;
        }
        GenericData.Record out = new GenericData.Record(kept);
        for (Schema.Field f : kept.getFields()) {
            Object v = value.getSchema().getField(f.name()) == null ? null : value.get(f.name());
            if ((f.name().equals("before") || f.name().equals("after")) && v instanceof GenericRecord row) {
                v = adaptRow(row, kept);
            }
            out.put(f.name(), v);
        }
        return out;
    }

    /** {@code row} in the shape of {@code envelope}'s row record: its fields by name, null where it has none. */
    public static GenericRecord adaptRow(GenericRecord row, Schema envelope) {
        Schema rowSchema = row(envelope);
        if (row.getSchema().equals(rowSchema)) {
            return row;
        }
        GenericData.Record adapted = new GenericData.Record(rowSchema);
        for (Schema.Field rf : rowSchema.getFields()) {
            adapted.put(rf.name(), row.getSchema().getField(rf.name()) == null ? null : row.get(rf.name()));
        }
        return adapted;
    }

    /** Fields of {@code envelope}'s row record marked deprecated: field → the version since which. */
    public static Map<String, Integer> deprecated(Schema envelope) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        Schema row = row(envelope);
        if (row != null) {
            for (Schema.Field f : row.getFields()) {
                Object since = f.getObjectProp(DEPRECATED_SINCE);
                if (since != null) {
                    fields.put(f.name(), Integer.parseInt(since.toString()));
                }
            }
        }
        return fields;
    }

    /** The row record of a Debezium envelope ({@code after}'s non-null type), or null. */
    static Schema row(Schema envelope) {
        if (envelope.getType() != Schema.Type.RECORD || envelope.getField("after") == null) {
            return null;
        }
        Schema after = envelope.getField("after").schema();
        if (after.getType() == Schema.Type.UNION) {
            for (Schema branch : after.getTypes()) {
                if (branch.getType() == Schema.Type.RECORD) {
                    return branch;
                }
            }
            return null;
        }
        return after.getType() == Schema.Type.RECORD ? after : null;
    }

    private static Schema optional(Schema type) {
        if (type.getType() == Schema.Type.UNION) {
            if (type.getTypes().get(0).getType() == Schema.Type.NULL) {
                return type;
            }
            List<Schema> branches = new ArrayList<>();
            branches.add(Schema.create(Schema.Type.NULL));
            type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).forEach(branches::add);
            return Schema.createUnion(branches);
        }
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }
}
