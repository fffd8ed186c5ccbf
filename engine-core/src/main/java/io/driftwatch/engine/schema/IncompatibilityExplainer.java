package io.driftwatch.engine.schema;

import io.driftwatch.engine.schema.Incompatibility.BrokenReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Turns one of Avro's {@link SchemaCompatibility.Incompatibility} findings into plain words: the
 * field path, the field's type on each side and why Avro cannot resolve them.
 *
 * <p>Why this is needed: Avro reports where it failed as a JSON pointer into the <em>reader</em>
 * schema ({@code /fields/1/type/items}), with field positions rather than names, and the
 * fragments it names are the innermost types that clashed ({@code "null"} against
 * {@code "string"}), not the field a person changed. We walk the pointer through both schemas in
 * step to recover field names and the whole field types.
 *
 * <p>Why unions are opened up: every Debezium change event wraps the row in
 * {@code ["null", Row]}, and when {@code Row} changes incompatibly Avro only says "reader union
 * lacking writer type: RECORD". When the reading union has a branch for the same named type (or
 * the same container type) we check that pair again and report what broke inside it, so the
 * answer is {@code after.price}, not {@code after}.
 */
final class IncompatibilityExplainer {

    /**
     * @param finding  Avro's finding for {@code reader} reading data written with {@code writer}
     * @param broken   which consumers that reader stands for
     * @param version  the previous version involved
     */
    List<Incompatibility> explain(SchemaCompatibility.Incompatibility finding, Schema reader, Schema writer,
                                  BrokenReader broken, int version) {
        return explain(finding, reader, writer, broken, version, "", 0);
    }

    private List<Incompatibility> explain(SchemaCompatibility.Incompatibility finding, Schema reader, Schema writer,
                                          BrokenReader broken, int version, String prefix, int depth) {
        Walk walk = Walk.along(finding.getLocation(), reader, writer, prefix);
        Sides sides = new Sides(broken, version);
        String readerType = walk.readerField == null ? "absent" : TypeNames.of(walk.readerField);
        String writerType = walk.writerField == null ? "absent" : TypeNames.of(walk.writerField);
        Schema r = finding.getReaderFragment();
        Schema w = finding.getWriterFragment();
        String reason;
        switch (finding.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> {
                String field = finding.getMessage();
                Schema.Field readerField = r.getType() == Schema.Type.RECORD ? r.getField(field) : null;
                readerType = (readerField == null ? readerType : TypeNames.of(readerField.schema())) + " without a default";
                writerType = "absent";
                reason = sides.reader + " requires field " + field + ", which has no default, and data written with "
                        + sides.writer + " does not carry it";
            }
            case TYPE_MISMATCH -> reason = "Avro cannot read " + TypeNames.of(w) + " data as " + TypeNames.of(r);
            case MISSING_ENUM_SYMBOLS -> reason = "symbols " + finding.getMessage() + " written with " + sides.writer
                    + " are not in " + sides.reader + "'s enum " + r.getName() + ", which has no default symbol";
            case NAME_MISMATCH -> reason = "type name " + r.getFullName() + " in " + sides.reader + " does not match "
                    + w.getFullName() + " in " + sides.writer + " and lists no alias for it";
            case FIXED_SIZE_MISMATCH -> reason = "fixed " + r.getName() + " has size " + r.getFixedSize() + " in "
                    + sides.reader + " but " + w.getFixedSize() + " in " + sides.writer;
            case MISSING_UNION_BRANCH -> {
                Schema writerBranch = w.getType() == Schema.Type.UNION && walk.unionBranch >= 0
                        && walk.unionBranch < w.getTypes().size() ? w.getTypes().get(walk.unionBranch) : w;
                List<Incompatibility> inner = depth < 8 ? insideUnion(r, writerBranch, broken, version, walk.path, depth)
                        : List.of();
                if (!inner.isEmpty()) {
                    return inner;
                }
                reason = "the union " + TypeNames.of(r) + " in " + sides.reader + " has no branch that can read "
                        + TypeNames.of(writerBranch) + " data";
            }
            default -> reason = finding.getMessage();
        }
        boolean readerIsNew = broken == BrokenReader.UPGRADED_CONSUMERS;
        return List.of(new Incompatibility(walk.path, readerIsNew ? writerType : readerType, readerIsNew ? readerType : writerType,
                broken, version, reason));
    }

    /** Checks the reading union's counterpart of {@code writerBranch}, if it has one, and explains what broke there. */
    private List<Incompatibility> insideUnion(Schema readerUnion, Schema writerBranch, BrokenReader broken, int version,
                                              String path, int depth) {
        if (readerUnion.getType() != Schema.Type.UNION) {
            return List.of();
        }
        Schema counterpart = null;
        for (Schema branch : readerUnion.getTypes()) {
            if (sameSlot(branch, writerBranch)) {
                counterpart = branch;
                break;
            }
        }
        if (counterpart == null) {
            return List.of();
        }
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(counterpart, writerBranch);
        if (pair.getType() != SchemaCompatibilityType.INCOMPATIBLE) {
            return List.of();
        }
        List<Incompatibility> out = new ArrayList<>();
        for (SchemaCompatibility.Incompatibility nested : pair.getResult().getIncompatibilities()) {
            for (Incompatibility i : explain(nested, counterpart, writerBranch, broken, version, path, depth + 1)) {
                if (!out.contains(i)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** The same named type (by name or alias), or the same kind of container. */
    private static boolean sameSlot(Schema readerBranch, Schema writerBranch) {
        if (readerBranch.getType() != writerBranch.getType()) {
            return false;
        }
        return switch (readerBranch.getType()) {
            case RECORD, ENUM, FIXED -> readerBranch.getFullName().equals(writerBranch.getFullName())
                    || readerBranch.getAliases().contains(writerBranch.getFullName());
            case ARRAY, MAP -> true;
            default -> false;
        };
    }

    /** Which schema stands on which side, in words. */
    private static final class Sides {
        final String reader;
        final String writer;

        Sides(BrokenReader broken, int version) {
            boolean readerIsNew = broken == BrokenReader.UPGRADED_CONSUMERS;
            this.reader = readerIsNew ? "the new schema" : "version " + version;
            this.writer = readerIsNew ? "version " + version : "the new schema";
        }
    }

    /**
     * Avro's location followed through the reader and writer schemas at once. Field positions in
     * the pointer are the reader's; the writer's field is found the way Avro finds it, by name or
     * by one of the reader field's aliases.
     */
    private static final class Walk {
        String path;
        Schema reader;
        Schema writer;
        Schema readerField;
        Schema writerField;
        int unionBranch = -1;

        private Walk(String prefix, Schema reader, Schema writer) {
            this.path = prefix;
            this.reader = reader;
            this.writer = writer;
            this.readerField = reader;
            this.writerField = writer;
        }

        static Walk along(String location, Schema reader, Schema writer, String prefix) {
            Walk walk = new Walk(prefix, reader, writer);
            List<String> tokens = Arrays.stream(location.split("/")).filter(t -> !t.isEmpty())
                    .map(t -> t.replace("~1", "/").replace("~0", "~")).toList();
            try {
                walk.follow(tokens);
            } catch (RuntimeException e) {
                // A pointer shape this walk does not know: keep what was found and show the pointer,
                // so the finding is still reported rather than lost.
                walk.path = walk.path.isEmpty() ? location : walk.path + " (at " + location + ")";
            }
            return walk;
        }

        private void follow(List<String> tokens) {
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                switch (token) {
                    case "fields" -> {
                        int position = Integer.parseInt(tokens.get(++i));
                        Schema readerRecord = branch(reader, Schema.Type.RECORD, writer);
                        Schema.Field field = readerRecord.getFields().get(position);
                        Schema writerRecord = writer == null ? null : branch(writer, Schema.Type.RECORD, readerRecord);
                        Schema.Field writerFieldDef = writerRecord == null ? null : lookup(writerRecord, field);
                        path = path.isEmpty() ? field.name() : path + "." + field.name();
                        reader = field.schema();
                        writer = writerFieldDef == null ? null : writerFieldDef.schema();
                        readerField = reader;
                        writerField = writer;
                        unionBranch = -1;
                    }
                    case "items" -> {
                        reader = branch(reader, Schema.Type.ARRAY, null).getElementType();
                        writer = writer == null ? null : branch(writer, Schema.Type.ARRAY, null).getElementType();
                        path = path + "[]";
                    }
                    case "values" -> {
                        reader = branch(reader, Schema.Type.MAP, null).getValueType();
                        writer = writer == null ? null : branch(writer, Schema.Type.MAP, null).getValueType();
                        path = path + "{}";
                    }
                    case "type", "name", "size", "symbols" -> {
                        // "type" steps from a field to its schema, which we already hold; the others
                        // name the property that clashed and end the pointer.
                    }
                    default -> {
                        // A number outside "fields": the branch of the writer's union being read.
                        unionBranch = Integer.parseInt(token);
                        if (writer != null && writer.getType() == Schema.Type.UNION) {
                            writer = writer.getTypes().get(unionBranch);
                        }
                    }
                }
            }
        }

        /** {@code schema} itself, or its branch of the wanted type (preferring the other side's name). */
        private static Schema branch(Schema schema, Schema.Type type, Schema other) {
            if (schema.getType() != Schema.Type.UNION) {
                return schema;
            }
            Schema first = null;
            for (Schema b : schema.getTypes()) {
                if (b.getType() == type) {
                    if (other != null && b.getType() == other.getType() && type == Schema.Type.RECORD
                            && b.getFullName().equals(other.getFullName())) {
                        return b;
                    }
                    if (first == null) {
                        first = b;
                    }
                }
            }
            if (first == null) {
                throw new IllegalStateException("no " + type + " branch in " + schema);
            }
            return first;
        }

        private static Schema.Field lookup(Schema writerRecord, Schema.Field readerField) {
            Schema.Field direct = writerRecord.getField(readerField.name());
            if (direct != null) {
                return direct;
            }
            for (String alias : readerField.aliases()) {
                Schema.Field aliased = writerRecord.getField(alias);
                if (aliased != null) {
                    return aliased;
                }
            }
            return null;
        }
    }
}
