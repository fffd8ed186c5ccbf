package io.driftwatch.app.lag;

/** How a lag compares with its thresholds; ordered from harmless to urgent. */
public enum LagLevel {
    OK, AMBER, RED;

    public String word() {
        return name().toLowerCase();
    }
}
