package io.driftwatch.engine.transport;

/** A record that cannot be decoded; the message says why, for the dead-letter topic. */
public final class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
