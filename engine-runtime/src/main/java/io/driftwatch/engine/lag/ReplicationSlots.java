package io.driftwatch.engine.lag;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.LagSnapshot.SlotLag;
import io.driftwatch.engine.api.StackEndpoints;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One region's logical replication slots and how many bytes of WAL each is behind, read from
 * {@code pg_replication_slots}: {@code pg_current_wal_lsn() - confirmed_flush_lsn}.
 *
 * <p>Why bytes and not time: PostgreSQL keeps the WAL a slot has not confirmed, so the bytes are
 * both the capture stage's backlog and the disk the slot pins on the primary, the number that
 * pages someone when it grows. The connection is kept between probes and reopened after a failure.
 */
final class ReplicationSlots implements AutoCloseable {
    static final String QUERY = "SELECT slot_name, active, "
            + "pg_wal_lsn_diff(pg_current_wal_lsn(), COALESCE(confirmed_flush_lsn, restart_lsn))::bigint AS lag, "
            + "wal_status, safe_wal_size, "
            + "(SELECT CASE WHEN setting::bigint < 0 THEN -1 ELSE setting::bigint * 1048576 END FROM pg_settings "
            + "WHERE name = 'max_slot_wal_keep_size') AS keep_bytes "
            + "FROM pg_replication_slots WHERE slot_type = 'logical' AND database = current_database() ORDER BY slot_name";

    private final String region;
    private final StackEndpoints.Postgres pg;
    private Connection connection;

    ReplicationSlots(String region, StackEndpoints.Postgres pg) {
        this.region = region;
        this.pg = pg;
    }

    List<SlotLag> read() throws SQLException {
        try {
            List<SlotLag> slots = new ArrayList<>();
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
                while (rs.next()) {
                    long lag = rs.getLong("lag");
                    boolean lagKnown = !rs.wasNull();
                    long safe = rs.getLong("safe_wal_size");
                    boolean safeKnown = !rs.wasNull();
                    slots.add(new SlotLag(region, rs.getString("slot_name"), rs.getBoolean("active"), lagKnown ? lag : -1,
                            rs.getString("wal_status"), safeKnown ? safe : -1, rs.getLong("keep_bytes")));
                }
            }
            return slots;
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = PostgresConnections.probe(pg, "driftwatch-lag-probe");
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it was failing anyway
            }
            connection = null;
        }
    }
}
