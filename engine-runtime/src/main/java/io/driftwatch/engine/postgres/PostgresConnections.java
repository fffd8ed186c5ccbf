package io.driftwatch.engine.postgres;

import io.driftwatch.engine.api.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The one way the engine and its tools open a PostgreSQL connection: the endpoint's credentials,
 * a bounded wait for the connection, and an application name, so an operator looking at
 * {@code pg_stat_activity} on the source database sees which part of Driftwatch is asking.
 */
public final class PostgresConnections {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    /** How long a probe's read waits by default: a probe waiting on a dead server delays every other reading of its round. */
    private static final Duration PROBE_READ = Duration.ofSeconds(10);

    private PostgresConnections() {}

    /** A connection to the endpoint's own database; statements may run as long as they need. */
    public static Connection open(StackEndpoints.Postgres pg, String applicationName) throws SQLException {
        return open(pg, pg.database(), applicationName, null);
    }

    /** A connection to {@code database} of the endpoint's server (e.g. {@code postgres} to manage the others). */
    public static Connection open(StackEndpoints.Postgres pg, String database, String applicationName) throws SQLException {
        return open(pg, database, applicationName, null);
    }

    /**
     * A connection for a probe: every read gives up after {@code readTimeout}, so a stuck server
     * makes a probe fail instead of hanging the screen or the loop that asked.
     */
    public static Connection probe(StackEndpoints.Postgres pg, String applicationName, Duration readTimeout) throws SQLException {
        return open(pg, pg.database(), applicationName, readTimeout);
    }

    /** {@link #probe(StackEndpoints.Postgres, String, Duration)} with reads bounded at 10 s. */
    public static Connection probe(StackEndpoints.Postgres pg, String applicationName) throws SQLException {
        return open(pg, pg.database(), applicationName, PROBE_READ);
    }

    private static Connection open(StackEndpoints.Postgres pg, String database, String applicationName, Duration readTimeout)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        p.setProperty("connectTimeout", Long.toString(CONNECT.toSeconds()));
        p.setProperty("loginTimeout", Long.toString(CONNECT.toSeconds()));
        p.setProperty("ApplicationName", applicationName);
        if (readTimeout != null) {
            p.setProperty("socketTimeout", Long.toString(Math.max(1, readTimeout.toSeconds())));
        }
        return DriverManager.getConnection(url(pg.host(), pg.port(), database), p);
    }

    /** The JDBC URL; an IPv6 address is bracketed, as in any URL. */
    static String url(String host, int port, String database) {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
