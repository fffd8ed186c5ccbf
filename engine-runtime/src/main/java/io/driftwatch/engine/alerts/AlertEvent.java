package io.driftwatch.engine.alerts;

/** An alert firing (its condition held for the rule's duration) or resolved (it stopped holding). */
public record AlertEvent(Status status, String pipeline, String rule, String subject, double value, String summary, long sinceMs, long atMs) {
    public enum Status { FIRING, RESOLVED }
}
