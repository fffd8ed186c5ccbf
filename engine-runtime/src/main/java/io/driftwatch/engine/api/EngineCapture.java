package io.driftwatch.engine.api;

/**
 * One region's capture as the engine that captures it reports it on the status topic.
 *
 * @param state     {@code starting}, {@code running}, {@code retrying}, {@code failed} or {@code stopped}
 * @param records   row changes and markers it has delivered to Kafka since the engine started
 * @param lastError the latest error while it is not running; null otherwise
 * @param engine    which engine reports it ({@code host/pid})
 */
public record EngineCapture(String region, String state, long records, String lastError, String engine, long reportedMs) {}
