package io.driftwatch.engine.transport;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns a Kafka client's failure into a message that names the cluster and says what to check,
 * for the failures an operator fixes in the configuration: refused credentials, an untrusted
 * certificate, missing ACLs. Other failures keep their own message.
 */
public final class KafkaErrors {
    private KafkaErrors() {}

    /** The message for {@code failure} of a client of the Kafka cluster at {@code bootstrapServers}, or null if it is none of those. */
    public static String explain(Throwable failure, String bootstrapServers, KafkaSecurity security) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return "Kafka at " + bootstrapServers + " refused the credentials of user '" + security.username() + "' ("
                        + security.mechanism() + "): check kafka.security.username and the password its passwordFile or "
                        + "passwordEnv gives, and that the user has " + security.mechanism() + " credentials on the cluster ("
                        + t.getMessage() + ")";
            }
            if (t instanceof SslAuthenticationException) {
                return "Kafka at " + bootstrapServers + " failed the TLS handshake: check kafka.security.truststoreFile (it must "
                        + "trust the brokers' certificates) and that the brokers' certificates name the host you connect to ("
                        + t.getMessage() + ")";
            }
            if (t instanceof AuthorizationException) {
                return "Kafka at " + bootstrapServers + " denied user '" + security.username() + "' an operation: grant it the "
                        + "ACLs docs/CONFIG.md lists (" + t.getMessage() + ")";
            }
        }
        return null;
    }
}
