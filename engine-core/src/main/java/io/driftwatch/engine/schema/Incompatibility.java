package io.driftwatch.engine.schema;

/**
 * One reason a new schema breaks a reader, in plain words: which field, its type before and
 * after, which consumers break, and Avro's reason.
 *
 * @param path     the field, dotted for nested records ({@code after.price}), {@code []} for array
 *                 items and {@code {}} for map values; empty when the whole record is meant
 * @param oldType  the field's type in {@code version}, or {@code absent}
 * @param newType  the field's type in the new schema, or {@code absent}
 * @param broken   which side can no longer read the other's data
 * @param version  the previous version checked against
 * @param reason   why Avro cannot resolve the two, e.g. "Avro cannot read long data as int"
 */
public record Incompatibility(String path, String oldType, String newType, BrokenReader broken, int version, String reason) {

    /** The consumers a change breaks. */
    public enum BrokenReader {
        /** BACKWARD failed: the new schema, as reader, cannot decode data written with the old version. */
        UPGRADED_CONSUMERS,
        /** FORWARD failed: the old version, as reader, cannot decode data written with the new schema. */
        OLD_CONSUMERS
    }

    /** Who breaks, as a sentence fragment naming the version. */
    public String whoBreaks() {
        return switch (broken) {
            case UPGRADED_CONSUMERS -> "consumers upgraded to the new schema cannot read data written with version " + version;
            case OLD_CONSUMERS -> "consumers still reading with version " + version + " cannot read data written with the new schema";
        };
    }

    /** The whole finding on one line. */
    public String describe() {
        String what = path.isEmpty() ? "record" : "field " + path;
        return what + ": " + oldType + " (version " + version + ") -> " + newType + " (new schema): " + whoBreaks()
                + " (" + reason + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
