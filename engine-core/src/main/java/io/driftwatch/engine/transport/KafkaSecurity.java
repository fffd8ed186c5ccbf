package io.driftwatch.engine.transport;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a client authenticates to a Kafka cluster and checks its certificate: the security
 * protocol, the SASL/SCRAM user, and the trust store for TLS, with secrets already resolved (from
 * the environment or files, never from the config file or a command line).
 *
 * <p>Every Kafka client of the engine takes its settings from {@link #clientProperties()}: the
 * capture producer and admin client, Debezium's offset store, the processing job's sources and
 * sinks, and the lag probes. Kafka's clients print these settings with passwords hidden; this
 * type's {@code toString} hides them too.
 *
 * @param protocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
 * @param mechanism the SASL mechanism ({@code SCRAM-SHA-512}, {@code SCRAM-SHA-256}, {@code PLAIN}); null without SASL
 * @param truststoreFile the trust store (PKCS12 or JKS) for TLS, or null for the JVM's default trust
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password, String truststoreFile,
                            String truststorePassword) implements Serializable {

    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null, null);

    /** The same protocol, mechanism and trust, authenticating as another SASL user. */
    public KafkaSecurity as(String otherUser, String otherPassword) {
        if (!sasl()) {
            throw new IllegalStateException("protocol " + protocol + " authenticates no SASL user");
        }
        return new KafkaSecurity(protocol, mechanism, otherUser, otherPassword, truststoreFile, truststorePassword);
    }

    public boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    public boolean tls() {
        return protocol.equals("SSL") || protocol.equals("SASL_SSL");
    }

    /** The client settings that make a producer, consumer or admin client connect this way. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return p;
        }
        p.put("security.protocol", protocol);
        if (sasl()) {
            p.put("sasl.mechanism", mechanism);
            String module = mechanism.startsWith("SCRAM-") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put("sasl.jaas.config", module + " required username=\"" + jaasEscape(username) + "\" password=\""
                    + jaasEscape(password) + "\";");
        }
        if (tls() && truststoreFile != null) {
            p.put("ssl.truststore.location", truststoreFile);
            p.put("ssl.truststore.type", truststoreFile.endsWith(".jks") ? "JKS" : "PKCS12");
            if (truststorePassword != null) {
                p.put("ssl.truststore.password", truststorePassword);
            }
        }
        return p;
    }

    /** {@link #clientProperties()} as strings, for APIs that take {@link java.util.Properties}. */
    public java.util.Properties asProperties() {
        java.util.Properties p = new java.util.Properties();
        clientProperties().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        return p;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (sasl() ? ", " + mechanism + ", user=" + username + ", password=****" : "")
                + (truststoreFile != null ? ", truststore=" + truststoreFile + ", truststorePassword=****" : "") + "]";
    }
}
