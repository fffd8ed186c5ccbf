package io.driftwatch.engine.registry;

/** The registry answered with an error that retrying will not fix. */
public class RegistryException extends RuntimeException {
    private final int status;

    public RegistryException(String message) {
        this(-1, message);
    }

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when there was none. */
    public int status() {
        return status;
    }
}
