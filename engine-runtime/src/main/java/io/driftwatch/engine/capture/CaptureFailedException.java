package io.driftwatch.engine.capture;

/** Capture could not hand a batch to Kafka; the batch is not committed and will be captured again. */
public final class CaptureFailedException extends RuntimeException {
    public CaptureFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
