package io.driftwatch.engine.stack;

/** A stack could not be started, reached or stopped; the message says what and how to fix it. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
