package io.driftwatch.engine.lag;

import io.driftwatch.engine.config.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections the probes keep to a region's PostgreSQL: short timeouts, because a probe that waits
 * on a dead server delays every other reading of its round, and a name that shows in
 * {@code pg_stat_activity}, so an operator sees who is asking.
 */
final class ProbeConnections {
    private ProbeConnections() {}

    static Connection open(StackEndpoints.Postgres pg, String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
