package io.driftwatch.engine.stack;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A region's PostgreSQL, ready for logical replication: {@code wal_level=logical}, replication
 * slots and WAL senders to spare, TCP on loopback only, password authentication (SCRAM), and the
 * {@code globalmart} database.
 */
final class PostgresServer implements ManagedServer {
    static final String USER = "driftwatch";
    static final String DATABASE = "globalmart";

    private final String region;
    private final Path home;
    private final int port;
    private final String password;
    private final Path bin;
    private final Probes probes;
    private ChildProcess process;
    private final String monitorPassword;

    PostgresServer(String region, Path home, int port, String password, Path bin, Probes probes) {
        this(region, home, port, password, bin, probes, null);
    }

    /** @param monitorPassword with a secured stack: the password of the monitoring role {@link StackUsers#POSTGRES_MONITOR}, else null */
    PostgresServer(String region, Path home, int port, String password, Path bin, Probes probes, String monitorPassword) {
        this.monitorPassword = monitorPassword;
        this.region = region;
        this.home = home;
        this.port = port;
        this.password = password;
        this.bin = bin;
        this.probes = probes;
    }

    StackEndpoints.Postgres endpoint() {
        return new StackEndpoints.Postgres("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                "127.0.0.1", port, USER, password, DATABASE);
    }

    @Override public String name() { return "postgres-" + region; }
    @Override public String region() { return region; }
    @Override public int port() { return port; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }
    @Override public Signal stopSignal() { return Signal.INT; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            initdb(spawner);
        }
        process = spawner.spawn(name(), List.of(
                bin.resolve("postgres").toString(), "-D", dataDir().toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                // No Unix socket: TCP on loopback is all clients need, and socket paths have a length limit.
                "-c", "unix_socket_directories=",
                "-c", "wal_level=logical",
                "-c", "max_replication_slots=16",
                "-c", "max_wal_senders=16",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB",
                "-c", "logging_collector=off",
                "-c", "log_min_messages=warning"),
                ProcessSpawner.Privilege.UNPRIVILEGED, logFile(), Map.of());
    }

    private void initdb(ProcessSpawner spawner) throws IOException {
        Files.createDirectories(home);
        Path pwfile = home.resolve(".initdb-password");
        Files.deleteIfExists(pwfile);
        Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pwfile, password + "\n");
        try {
            spawner.runToCompletion("initdb-" + region, List.of(
                    bin.resolve("initdb").toString(), "-D", dataDir().toString(),
                    "-U", USER, "--pwfile=" + pwfile, "--auth=scram-sha-256",
                    "--encoding=UTF8", "--locale=C"),
                    ProcessSpawner.Privilege.UNPRIVILEGED, home.resolve("log").resolve("initdb.log"), Map.of(),
                    Duration.ofMinutes(2));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    @Override
    public boolean answers() {
        StackEndpoints.Postgres admin = new StackEndpoints.Postgres(null, "127.0.0.1", port, USER, password, "postgres");
        return probes.postgres(admin);
    }

    @Override
    public void afterReady() throws IOException {
        try (Connection c = PostgresConnections.open(endpoint(), "postgres", "driftwatch-stack")) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            if (monitorPassword != null) {
                createMonitor(c);
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE + " in " + name() + ": " + e.getMessage(), e);
        }
    }

    /** The consoles' read-only monitoring role: it logs in, reads statistics and slots, and owns nothing. */
    private void createMonitor(Connection c) throws SQLException {
        if (!monitorPassword.matches("[0-9a-f]+")) {
            throw new IllegalStateException("the generated monitoring password is not hexadecimal"); // it is quoted as a literal below
        }
        try (Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + StackUsers.POSTGRES_MONITOR + "'")) {
                exists = rs.next();
            }
            s.execute((exists ? "ALTER" : "CREATE") + " ROLE " + StackUsers.POSTGRES_MONITOR + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    + "NOREPLICATION PASSWORD '" + monitorPassword + "'");
            for (String grant : io.driftwatch.engine.access.ConsoleGrants.postgres(StackUsers.POSTGRES_MONITOR, DATABASE)) {
                s.execute(grant);
            }
        }
    }
}
