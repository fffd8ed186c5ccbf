package io.driftwatch.engine.alerts;

import java.time.Duration;

/**
 * One alert rule: its name, the threshold a figure must exceed (ignored by rules that are a
 * yes-or-no condition) and how long the condition must hold before the alert fires.
 */
public record Rule(String name, double above, Duration forAtLeast) {
    public Rule {
        if (forAtLeast.isNegative()) {
            throw new IllegalArgumentException("alert rule " + name + ": the duration must not be negative");
        }
    }
}
