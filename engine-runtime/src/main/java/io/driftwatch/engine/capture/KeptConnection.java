package io.driftwatch.engine.capture;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection to a region's source database kept open between looks, for the readers that look
 * at the source every few seconds (the slot's health, the catalog). Each look used to log in
 * afresh, and a PostgreSQL login with SCRAM runs thousands of SHA-256 rounds on both sides: most of
 * those readers' CPU in the engine's profile. A connection that broke (the server restarted) is
 * replaced once within the same look, so a look fails only when the source cannot be reached.
 */
final class KeptConnection implements AutoCloseable {
    /** What a look does with the connection. */
    interface Look<T> {
        T on(Connection connection) throws SQLException;
    }

    private final CaptureSettings settings;
    private Connection connection;

    KeptConnection(CaptureSettings settings) {
        this.settings = settings;
    }

    synchronized <T> T look(Look<T> look) throws SQLException {
        if (connection != null) {
            try {
                return look.on(connection);
            } catch (SQLException broken) {
                close();
            }
        }
        connection = SourceDatabase.connect(settings);
        try {
            return look.on(connection);
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to release
            }
            connection = null;
        }
    }
}
