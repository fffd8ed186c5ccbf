package io.driftwatch.engine.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A JDBC connection to a region's source database, as its capture's settings name it. */
final class SourceDatabase {
    private SourceDatabase() {}

    static Connection connect(CaptureSettings s) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", s.user());
        props.setProperty("password", s.password());
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + s.pgHost() + ":" + s.pgPort() + "/" + s.database(), props);
    }
}
