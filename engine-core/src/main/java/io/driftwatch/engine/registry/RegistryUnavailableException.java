package io.driftwatch.engine.registry;

/** The registry could not be reached or failed on its side; the same call may succeed later. */
public final class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
