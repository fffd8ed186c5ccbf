package io.driftwatch.engine.api;

import io.driftwatch.engine.schema.SchemaDiff;
import java.util.List;
import org.apache.avro.Schema;

/**
 * One registered version of a registry subject.
 *
 * @param id     the registry's global schema id (what the Confluent wire format carries)
 * @param schema the Avro schema as indented JSON
 */
public record SubjectVersion(String subject, int version, int id, String schema) {

    /** What changed from {@code older} to this version, one line per change ({@code + field note: string}). Pure. */
    public List<String> changesSince(SubjectVersion older) {
        return SchemaDiff.between(new Schema.Parser().parse(older.schema()), new Schema.Parser().parse(schema)).lines();
    }
}
