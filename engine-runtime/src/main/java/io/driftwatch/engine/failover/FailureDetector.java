package io.driftwatch.engine.failover;

/**
 * Decides from periodic health probes whether a region's Kafka has failed: once every probe for
 * {@code timeoutMillis} has failed. One good probe clears a suspicion. Pure: outcomes and times in.
 */
public final class FailureDetector {
    private final long timeoutMillis;
    private long failingSince = -1;
    private boolean failed;

    public FailureDetector(long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("the failure-detection timeout must be positive, was " + timeoutMillis + " ms");
        }
        this.timeoutMillis = timeoutMillis;
    }

    /** One probe's outcome at {@code nowMillis}; returns true the first time the region counts as failed. */
    public boolean probed(boolean healthy, long nowMillis) {
        if (healthy) {
            failingSince = -1;
            failed = false;
            return false;
        }
        if (failingSince < 0) {
            failingSince = nowMillis;
        }
        if (!failed && nowMillis - failingSince >= timeoutMillis) {
            failed = true;
            return true;
        }
        return false;
    }

    /** When the probes started failing, or -1 while healthy. */
    public long failingSince() {
        return failingSince;
    }
}
