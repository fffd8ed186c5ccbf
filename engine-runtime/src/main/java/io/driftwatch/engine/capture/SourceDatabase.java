package io.driftwatch.engine.capture;

import io.driftwatch.engine.api.StackEndpoints;

import io.driftwatch.engine.postgres.PostgresConnections;

import java.sql.Connection;
import java.sql.SQLException;

/** A JDBC connection to a region's source database, as its capture's settings name it, and its replication slot as PostgreSQL sees it. */
final class SourceDatabase {
    private SourceDatabase() {}

    /** The capture's slot in {@code pg_replication_slots}: its {@code wal_status}, and the backend reading it (0: none). */
    record Slot(String walStatus, boolean active, int activePid) {}

    /** The region's slot, or empty when there is none. */
    static java.util.Optional<Slot> slot(CaptureSettings s) throws SQLException {
        try (Connection c = connect(s)) {
            return slot(c, s.slotName());
        }
    }

    /** The slot named {@code slotName}, read over {@code c}. */
    static java.util.Optional<Slot> slot(Connection c, String slotName) throws SQLException {
        try (java.sql.PreparedStatement q = c.prepareStatement(
                "SELECT wal_status, active, active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            q.setString(1, slotName);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new Slot(rs.getString("wal_status"), rs.getBoolean("active"), rs.getInt("active_pid")))
                        : java.util.Optional.empty();
            }
        }
    }

    static Connection connect(CaptureSettings s) throws SQLException {
        return PostgresConnections.open(new StackEndpoints.Postgres(null, s.pgHost(), s.pgPort(), s.user(), s.password(), s.database()),
                "driftwatch-capture");
    }
}
