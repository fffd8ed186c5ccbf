package io.driftwatch.engine.api;

/**
 * An alert firing in a pipeline's engine, as the engine last reported it on its status topic:
 * which rule, on what ({@code subject}: a slot, a partition, a region…), in words, and since when.
 */
public record EngineAlert(String engine, String rule, String subject, String summary, long sinceMs) {
    /** What identifies the alert while it fires. */
    public String key() {
        return engine + "|" + rule + "|" + subject;
    }
}
