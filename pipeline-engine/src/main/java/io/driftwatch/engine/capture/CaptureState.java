package io.driftwatch.engine.capture;

/** The lifecycle of one region's capture; changed only by compare-and-set, so illegal moves fail loudly. */
public enum CaptureState {
    NEW, STARTING, RUNNING, RETRYING, STOPPING, STOPPED;

    /** Whether the lifecycle may move from this state to {@code next}. */
    public boolean canMoveTo(CaptureState next) {
        return switch (this) {
            case NEW -> next == STARTING || next == STOPPED;
            case STARTING -> next == RUNNING || next == RETRYING || next == STOPPING;
            case RUNNING -> next == RETRYING || next == STOPPING;
            // RUNNING again without a restart: a retry inside the running engine (the registry back) succeeded.
            case RETRYING -> next == STARTING || next == RUNNING || next == STOPPING;
            case STOPPING -> next == STOPPED;
            case STOPPED -> false;
        };
    }
}
