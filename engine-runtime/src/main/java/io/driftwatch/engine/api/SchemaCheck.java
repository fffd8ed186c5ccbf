package io.driftwatch.engine.api;

import java.util.List;

/**
 * The answer to "may this schema be registered under that subject?", before it ships.
 *
 * @param compatible         true only when Avro's checker at the subject's level and the registry both accept it
 * @param level              the level checked, e.g. {@code BACKWARD}; empty when the schema could not be read
 * @param summary            the verdict in one line
 * @param problems           each incompatibility in plain words: field, types before and after, who breaks and why
 * @param changes            what changes from the latest version, one line per field
 * @param registryCompatible the registry's own verdict; null when it was not asked or could not answer
 * @param registryMessages   what the registry said
 */
public record SchemaCheck(boolean compatible, String level, String summary, List<String> problems, List<String> changes,
                          Boolean registryCompatible, List<String> registryMessages) {
    public SchemaCheck {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
        registryMessages = List.copyOf(registryMessages);
    }

    /** A candidate that is not a schema at all. */
    public static SchemaCheck invalid(String reason) {
        return new SchemaCheck(false, "", "not a valid Avro schema: " + reason, List.of(reason), List.of(), null, List.of());
    }
}
