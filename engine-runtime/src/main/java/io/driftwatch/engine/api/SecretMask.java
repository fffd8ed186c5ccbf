package io.driftwatch.engine.api;

import java.util.regex.Pattern;

/**
 * Hides secrets in text meant for people (the console's status lines, error messages): a
 * password in a URL's user info, the value of any {@code password}, {@code secret}, {@code token}
 * or key setting, and the password inside a JAAS line. Each becomes {@code ****}; the rest of the
 * text, such as which user and which server, stays readable.
 *
 * <p>Why here and not only at the source: messages from libraries and servers (a URL a client
 * echoes, a Kafka setting in an exception) may carry a secret the engine never formatted itself.
 */
public final class SecretMask {
    public static final String MASK = "****";

    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]+):[^@/\\s]+@");
    private static final Pattern QUOTED = Pattern.compile(
            "(?i)\\b((?:[\\w.-]*\\.)?(?:password|passwd|secret|token|secretKey|secret-key|accessKey|access-key))(\\s*[=:]\\s*)\"[^\"]*\"");
    private static final Pattern PLAIN = Pattern.compile(
            "(?i)\\b((?:[\\w.-]*\\.)?(?:password|passwd|secret|token|secretKey|secret-key|accessKey|access-key))(\\s*[=:]\\s*)(?![\"*])[^\\s,;\\]}\"]+");

    private SecretMask() {}

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        masked = QUOTED.matcher(masked).replaceAll("$1$2\"" + MASK + "\"");
        return PLAIN.matcher(masked).replaceAll("$1$2" + MASK);
    }
}
