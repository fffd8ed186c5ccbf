package io.driftwatch.engine.api;

/**
 * A subject's compatibility level as the registry enforces it, with what it promises in one
 * sentence ({@code BACKWARD}: consumers upgraded to the new schema can read data written with
 * the latest version).
 */
public record SubjectLevel(String level, String meaning) {}
