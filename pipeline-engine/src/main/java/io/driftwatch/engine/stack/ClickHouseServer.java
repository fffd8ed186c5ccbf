package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse from Debian's package (18.16), with its own configuration, ports and data
 * directory, never as root, listening on loopback only, and a generated password for the
 * {@code default} user (stored only as its SHA-256).
 */
final class ClickHouseServer implements ManagedServer {
    static final String USER = "default";

    private final Path home;
    private final int httpPort;
    private final int tcpPort;
    private final String password;
    private final Path serverBinary;
    private final Probes probes;
    private ChildProcess process;
    private final String consolePassword;

    ClickHouseServer(Path home, int httpPort, int tcpPort, String password, Path serverBinary, Probes probes) {
        this(home, httpPort, tcpPort, password, serverBinary, probes, null);
    }

    /** @param consolePassword with a secured stack: the password of the read-only user {@link StackUsers#CLICKHOUSE_CONSOLE}, else null */
    ClickHouseServer(Path home, int httpPort, int tcpPort, String password, Path serverBinary, Probes probes, String consolePassword) {
        this.consolePassword = consolePassword;
        this.home = home;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.password = password;
        this.serverBinary = serverBinary;
        this.probes = probes;
    }

    StackEndpoints.ClickHouse endpoint() {
        return new StackEndpoints.ClickHouse("http://127.0.0.1:" + httpPort + "/", USER, password);
    }

    int tcpPort() {
        return tcpPort;
    }

    @Override public String name() { return "clickhouse"; }
    @Override public String region() { return null; }
    @Override public int port() { return httpPort; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        for (String sub : List.of("tmp", "user_files", "format_schemas")) {
            Files.createDirectories(dataDir().resolve(sub));
        }
        Files.createDirectories(logFile().getParent());
        Files.writeString(conf.resolve("config.xml"), config());
        Files.writeString(conf.resolve("users.xml"), users());
        process = spawner.spawn(name(), List.of(serverBinary.toString(), "--config-file=" + conf.resolve("config.xml")),
                ProcessSpawner.Privilege.UNPRIVILEGED, home.resolve("log").resolve("stdout.log"), Map.of());
    }

    private String config() {
        Path data = dataDir();
        Path log = home.resolve("log");
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>warning</level>
                    <log>LOG/clickhouse.log</log>
                    <errorlog>LOG/clickhouse.err.log</errorlog>
                    <size>50M</size>
                    <count>3</count>
                  </logger>
                  <http_port>HTTP</http_port>
                  <tcp_port>TCP</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <max_connections>512</max_connections>
                  <keep_alive_timeout>10</keep_alive_timeout>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <uncompressed_cache_size>268435456</uncompressed_cache_size>
                  <mark_cache_size>268435456</mark_cache_size>
                  <path>DATA/</path>
                  <tmp_path>DATA/tmp/</tmp_path>
                  <user_files_path>DATA/user_files/</user_files_path>
                  <format_schema_path>DATA/format_schemas/</format_schema_path>
                  <users_config>users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mlock_executable>false</mlock_executable>
                  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
                  <max_session_timeout>3600</max_session_timeout>
                  <default_session_timeout>60</default_session_timeout>
                </yandex>
                """.replace("LOG", log.toString()).replace("DATA", data.toString())
                .replace("HTTP", Integer.toString(httpPort)).replace("TCP", Integer.toString(tcpPort));
    }

    private String users() {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>4000000000</max_memory_usage>
                      <load_balancing>random</load_balancing>
                    </default>
                    <console>
                      <max_memory_usage>1000000000</max_memory_usage>
                      <readonly>2</readonly>
                    </console>
                  </profiles>
                  <users>
                    <default>
                      <password_sha256_hex>HASH</password_sha256_hex>
                      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                    CONSOLE
                  </users>
                  <quotas>
                    <default>
                      <interval>
                        <duration>3600</duration>
                        <queries>0</queries><errors>0</errors><result_rows>0</result_rows>
                        <read_rows>0</read_rows><execution_time>0</execution_time>
                      </interval>
                    </default>
                  </quotas>
                </yandex>
                """.replace("HASH", sha256Hex(password)).replace("CONSOLE", consolePassword == null ? "" : """
                <CONSOLE_USER>
                  <password_sha256_hex>%s</password_sha256_hex>
                  <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
                  <profile>console</profile>
                  <quota>default</quota>
                </CONSOLE_USER>""".formatted(sha256Hex(consolePassword)).replace("CONSOLE_USER", StackUsers.CLICKHOUSE_CONSOLE));
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean answers() {
        return probes.clickhouse(endpoint());
    }
}
