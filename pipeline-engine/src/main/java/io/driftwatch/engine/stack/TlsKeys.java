package io.driftwatch.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A self-signed TLS key for the local brokers (CN=localhost, SAN 127.0.0.1) and a trust store
 * holding its certificate, made once by the JDK's keytool and kept: a restarted stack presents
 * the certificate its clients already trust. Passwords reach keytool through its environment,
 * never its command line.
 */
record TlsKeys(Path keystore, Path truststore) {

    static TlsKeys ensure(Path dir, String keyPassword, String trustPassword) throws IOException {
        TlsKeys keys = new TlsKeys(dir.resolve("broker.p12"), dir.resolve("truststore.p12"));
        if (Files.exists(keys.keystore()) && Files.exists(keys.truststore())) {
            return keys;
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(keys.keystore());
        Files.deleteIfExists(keys.truststore());
        Path cert = dir.resolve("broker.crt");
        Map<String, String> env = Map.of("DW_KEY_PASS", keyPassword, "DW_TRUST_PASS", trustPassword);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keytool(dir, env, List.of(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", keys.keystore().toString(), "-storepass:env", "DW_KEY_PASS"));
        keytool(dir, env, List.of(keytool, "-exportcert", "-alias", "broker", "-keystore", keys.keystore().toString(),
                "-storepass:env", "DW_KEY_PASS", "-rfc", "-file", cert.toString()));
        keytool(dir, env, List.of(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", keys.truststore().toString(), "-storepass:env", "DW_TRUST_PASS"));
        return keys;
    }

    private static void keytool(Path dir, Map<String, String> env, List<String> command) throws IOException {
        Path log = dir.resolve("keytool.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            if (builder.start().waitFor() != 0) {
                throw new IOException("keytool failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the TLS key", e);
        }
    }
}
