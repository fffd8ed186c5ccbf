package io.driftwatch.engine.config;

/** A configuration problem; the message names the key and says how to fix it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
