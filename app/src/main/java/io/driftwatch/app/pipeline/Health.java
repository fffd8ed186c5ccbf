package io.driftwatch.app.pipeline;

/** How a stage of one region is doing, as far as its source tells. */
public enum Health {
    /** Measured and working. */
    OK,
    /** Working under strain (backpressure). */
    STRAINED,
    /** Its server does not answer, or the stage stopped. */
    DOWN,
    /** Running, with nothing to do in this region (e.g. no capture there). */
    IDLE,
    /** Not part of this pipeline at all. */
    NOT_CONFIGURED,
    /** No reading yet, or one reading only: a rate needs two. */
    WAITING;

    /** The style class a view colours the stage with. */
    public String styleClass() {
        return "stage-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
