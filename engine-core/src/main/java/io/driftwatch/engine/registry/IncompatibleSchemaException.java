package io.driftwatch.engine.registry;

/** The subject's compatibility level rejected a schema; the message is the registry's reason. */
public final class IncompatibleSchemaException extends RegistryException {
    private final String subject;
    private final String reason;

    public IncompatibleSchemaException(String subject, String reason) {
        super(409, "the registry rejected a new schema for " + subject + " as incompatible: " + reason);
        this.subject = subject;
        this.reason = reason;
    }

    public String subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }
}
