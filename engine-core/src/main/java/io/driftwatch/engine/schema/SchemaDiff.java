package io.driftwatch.engine.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What changed between two versions of an Avro schema, one line per change:
 * <pre>
 * + field note: ["null","string"] = null
 * - field legacy: int
 * ~ field price: int -&gt; long
 * ~ field after.price: int -&gt; long
 * ~ field note default: null -&gt; "n/a"
 * ~ field amount: renamed from price
 * </pre>
 *
 * <p>Why lines and not a structural patch: the reader is a person deciding whether a change is
 * safe (the verdict comes from {@link CompatibilityChecker}); the lines are what the CLI prints and
 * what a code review quotes. Nested records are followed wherever the field's type is otherwise
 * unchanged (directly, inside a union such as Debezium's {@code ["null", Row]}, or as array items
 * or map values), so a change deep in a change event shows as {@code after.price} rather than as
 * an opaque "Row changed". Pure: schemas in, lines out.
 */
public record SchemaDiff(List<Change> changes) {

    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    /** The kinds of change the diff reports. */
    public enum Kind { ADDED, REMOVED, RENAMED, TYPE_CHANGED, DEFAULT_CHANGED, DOC_CHANGED, SYMBOLS_CHANGED, SIZE_CHANGED, NAME_CHANGED }

    /**
     * One change.
     *
     * @param path the field, dotted for nested records; empty for the schema itself
     * @param line the change as printed
     */
    public record Change(Kind kind, String path, String line) {}

    /** The changes that turn {@code older} into {@code newer}. */
    public static SchemaDiff between(Schema older, Schema newer) {
        Walker walker = new Walker();
        if (older.getType() == Schema.Type.RECORD && newer.getType() == Schema.Type.RECORD) {
            if (!older.getFullName().equals(newer.getFullName())) {
                walker.add(Kind.NAME_CHANGED, "", "~ record name: " + older.getFullName() + " -> " + newer.getFullName());
            }
            walker.record("", older, newer);
        } else if (!TypeNames.of(older).equals(TypeNames.of(newer))) {
            walker.add(Kind.TYPE_CHANGED, "", "~ type: " + TypeNames.of(older) + " -> " + TypeNames.of(newer));
        } else {
            walker.sameShape("", older, newer);
        }
        return new SchemaDiff(walker.changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<String> lines() {
        return changes.stream().map(Change::line).toList();
    }

    /** Holds the changes found so far and the records being compared, so recursive types end. */
    private static final class Walker {
        final List<Change> changes = new ArrayList<>();
        final Deque<String> open = new ArrayDeque<>();

        void add(Kind kind, String path, String line) {
            changes.add(new Change(kind, path, line));
        }

        void record(String path, Schema older, Schema newer) {
            if (open.contains(newer.getFullName())) {
                return;
            }
            open.push(newer.getFullName());
            Set<String> matchedOld = new HashSet<>();
            List<Schema.Field> added = new ArrayList<>();
            for (Schema.Field field : newer.getFields()) {
                Schema.Field before = older.getField(field.name());
                if (before != null) {
                    matchedOld.add(before.name());
                    field(path, before, field);
                } else {
                    added.add(field);
                }
            }
            for (Schema.Field field : added) {
                // Avro resolves a renamed field through the new field's aliases; show it as a rename.
                Schema.Field before = field.aliases().stream().map(older::getField).filter(Objects::nonNull)
                        .filter(f -> newer.getField(f.name()) == null && !matchedOld.contains(f.name()))
                        .findFirst().orElse(null);
                String p = join(path, field.name());
                if (before != null) {
                    matchedOld.add(before.name());
                    add(Kind.RENAMED, p, "~ field " + p + ": renamed from " + before.name());
                    field(path, before, field);
                } else {
                    add(Kind.ADDED, p, "+ field " + p + ": " + TypeNames.of(field.schema())
                            + (field.hasDefaultValue() ? " = " + JsonText.of(field.defaultVal()) : " (no default)"));
                }
            }
            for (Schema.Field field : older.getFields()) {
                if (!matchedOld.contains(field.name())) {
                    String p = join(path, field.name());
                    add(Kind.REMOVED, p, "- field " + p + ": " + TypeNames.of(field.schema())
                            + (field.hasDefaultValue() ? " = " + JsonText.of(field.defaultVal()) : ""));
                }
            }
            open.pop();
        }

        private void field(String path, Schema.Field before, Schema.Field after) {
            String p = join(path, after.name());
            String oldType = TypeNames.of(before.schema());
            String newType = TypeNames.of(after.schema());
            boolean sameShape = oldType.equals(newType);
            if (!sameShape) {
                add(Kind.TYPE_CHANGED, p, "~ field " + p + ": " + oldType + " -> " + newType);
            }
            String oldDefault = before.hasDefaultValue() ? JsonText.of(before.defaultVal()) : "none";
            String newDefault = after.hasDefaultValue() ? JsonText.of(after.defaultVal()) : "none";
            if (!oldDefault.equals(newDefault)) {
                add(Kind.DEFAULT_CHANGED, p, "~ field " + p + " default: " + oldDefault + " -> " + newDefault);
            }
            if (!Objects.equals(before.doc(), after.doc())) {
                add(Kind.DOC_CHANGED, p, "~ field " + p + " doc: " + doc(before.doc()) + " -> " + doc(after.doc()));
            }
            if (sameShape) {
                sameShape(p, before.schema(), after.schema());
            }
        }

        /**
         * Follows two types that print the same (same kinds, names and union branches) into what
         * their names hide: record fields, enum symbols, fixed sizes.
         */
        void sameShape(String path, Schema older, Schema newer) {
            switch (newer.getType()) {
                case RECORD -> record(path, older, newer);
                case ENUM -> {
                    if (!older.getEnumSymbols().equals(newer.getEnumSymbols())) {
                        add(Kind.SYMBOLS_CHANGED, path, "~ " + subject(path) + " symbols: " + symbols(older) + " -> " + symbols(newer));
                    }
                }
                case FIXED -> {
                    if (older.getFixedSize() != newer.getFixedSize()) {
                        add(Kind.SIZE_CHANGED, path, "~ " + subject(path) + " size: " + older.getFixedSize() + " -> " + newer.getFixedSize());
                    }
                }
                case UNION -> {
                    for (int i = 0; i < newer.getTypes().size(); i++) {
                        sameShape(path, older.getTypes().get(i), newer.getTypes().get(i));
                    }
                }
                case ARRAY -> sameShape(path + "[]", older.getElementType(), newer.getElementType());
                case MAP -> sameShape(path + "{}", older.getValueType(), newer.getValueType());
                default -> {
                    // Primitives that print the same are the same.
                }
            }
        }

        private static String subject(String path) {
            return path.isEmpty() ? "type" : "field " + path;
        }

        private static String symbols(Schema e) {
            return "[" + String.join(",", e.getEnumSymbols()) + "]";
        }

        private static String doc(String doc) {
            return doc == null ? "none" : JsonText.of(doc);
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
