package io.driftwatch.engine.capture;

/** The lifecycle of one region's capture; changed only by compare-and-set, so illegal moves fail loudly. */
public enum CaptureState {
    NEW, STARTING, RUNNING, RETRYING,
    /**
     * Stopped by something a restart cannot mend: PostgreSQL invalidated the replication slot. It
     * starts again by itself once the slot is gone ({@code capture resnapshot} drops it).
     */
    FAILED,
    STOPPING, STOPPED;

    /** Whether the lifecycle may move from this state to {@code next}. */
    public boolean canMoveTo(CaptureState next) {
        return switch (this) {
            case NEW -> next == STARTING || next == STOPPED;
            case STARTING -> next == RUNNING || next == RETRYING || next == FAILED || next == STOPPING;
            case RUNNING -> next == RETRYING || next == FAILED || next == STOPPING;
            // RUNNING again without a restart: a retry inside the running engine (the registry back) succeeded.
            case RETRYING -> next == STARTING || next == RUNNING || next == FAILED || next == STOPPING;
            case FAILED -> next == STARTING || next == STOPPING;
            case STOPPING -> next == STOPPED;
            case STOPPED -> false;
        };
    }
}
