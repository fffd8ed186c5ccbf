package io.driftwatch.engine.schema;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema already in use, with the version number people know it by (the registry's version, or
 * the number in an offline file's name). Messages name versions, so the number travels with the
 * schema.
 */
public record PreviousSchema(int version, Schema schema) {
    public PreviousSchema {
        Objects.requireNonNull(schema, "schema");
    }
}
