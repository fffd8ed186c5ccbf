package io.driftwatch.engine.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The generated credentials of a local stack, kept in {@code secrets.properties} (mode 600) so a
 * restarted stack keeps its passwords.
 */
record StackSecrets(String postgresPassword, String clickhousePassword, String s3AccessKey, String s3SecretKey, StackUsers.Passwords users) {
    private static final String[] KEYS = {"postgres.password", "clickhouse.password", "s3.accessKey", "s3.secretKey",
        "tls.keyPassword", "tls.trustPassword", "kafka.enginePassword", "kafka.consolePassword", "postgres.monitorPassword",
        "clickhouse.consolePassword", "registry.enginePassword", "registry.consolePassword"};

    static StackSecrets loadOrGenerate(Path file) throws IOException {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean changed = false;
        for (String key : KEYS) {
            if (props.getProperty(key, "").isBlank()) {
                byte[] bytes = new byte[key.equals("s3.accessKey") ? 10 : 18];
                random.nextBytes(bytes);
                props.setProperty(key, HexFormat.of().formatHex(bytes));
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file)) {
                props.store(writer, "Generated credentials of this local Driftwatch stack");
            }
        }
        return new StackSecrets(props.getProperty("postgres.password"), props.getProperty("clickhouse.password"),
                props.getProperty("s3.accessKey").toUpperCase(), props.getProperty("s3.secretKey"),
                new StackUsers.Passwords(props.getProperty("tls.keyPassword"), props.getProperty("tls.trustPassword"),
                        props.getProperty("kafka.enginePassword"), props.getProperty("kafka.consolePassword"),
                        props.getProperty("postgres.monitorPassword"), props.getProperty("clickhouse.consolePassword"),
                        props.getProperty("registry.enginePassword"), props.getProperty("registry.consolePassword")));
    }
}
