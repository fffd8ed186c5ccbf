package io.driftwatch.engine.api;

import java.util.List;

/**
 * A schema registry as the console reads it, over the Confluent-compatible REST API: subjects,
 * their versions and compatibility levels, readable diffs, and a compatibility check of a new
 * schema before it ships. Every call but {@link #diff} talks to the registry: never on a UI thread.
 */
public interface SchemaRegistry {

    String url();

    /** Every subject, sorted. */
    List<String> subjects();

    /** Every version of {@code subject}, oldest first; empty when the subject does not exist. */
    List<SubjectVersion> versions(String subject);

    /** The subject's level, or the registry's global level when the subject has none of its own. */
    SubjectLevel level(String subject);

    /**
     * Checks {@code candidate} (Avro schema JSON) against the subject's versions at its level with
     * Avro's own checker, and asks the registry for its verdict too. Registers nothing.
     */
    SchemaCheck check(String subject, String candidate);
}
