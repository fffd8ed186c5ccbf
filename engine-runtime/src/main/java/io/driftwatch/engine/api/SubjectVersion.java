package io.driftwatch.engine.api;

/**
 * One registered version of a registry subject.
 *
 * @param id     the registry's global schema id (what the Confluent wire format carries)
 * @param schema the Avro schema as indented JSON
 */
public record SubjectVersion(String subject, int version, int id, String schema) {}
