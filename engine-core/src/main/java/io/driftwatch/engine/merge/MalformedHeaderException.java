package io.driftwatch.engine.merge;

/**
 * A header that cannot be decoded: truncated, oversized, non-canonical or not UTF-8.
 *
 * <p>Why a distinct type: the consumer must tell a poisoned record (send it to a dead-letter
 * topic) from a bug; it extends {@link IllegalArgumentException} because the input is at fault.
 */
public final class MalformedHeaderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedHeaderException(String message) {
        super(message);
    }
}
