package io.driftwatch.engine.alerts;

/**
 * A rule's verdict on one subject (a region, a slot, a partition) at one reading.
 *
 * @param value   the figure the rule looked at (1 or 0 for yes-or-no rules)
 * @param summary one sentence for a person: what holds, where, how much
 */
public record Condition(String rule, String subject, boolean holds, double value, String summary) {
    /** The key under which the book tracks it. */
    public String key() {
        return rule + "|" + subject;
    }
}
