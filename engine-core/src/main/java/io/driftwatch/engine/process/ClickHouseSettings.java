package io.driftwatch.engine.process;

import java.io.Serializable;
import java.util.List;

/** Where the views live and which regions they show; serializable so operators can carry it. */
public record ClickHouseSettings(String url, String user, String password, String database, List<String> regions, boolean gatewayKeepsCut)
        implements Serializable {
    public ClickHouseSettings {
        regions = List.copyOf(regions);
    }

    /** The job keeps the views' cut itself: each view is consistent on its own. */
    public ClickHouseSettings(String url, String user, String password, String database, List<String> regions) {
        this(url, user, password, database, regions, false);
    }

    /**
     * The SQL gateway keeps the views' cut (advancing it only between the queries it serves); the
     * job only publishes its positions.
     */
    public ClickHouseSettings withGatewayKeepingTheCut() {
        return new ClickHouseSettings(url, user, password, database, regions, true);
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[" + url + ", user=" + user + ", database=" + database + ", regions=" + regions + ", gatewayKeepsCut=" + gatewayKeepsCut + "]";
    }
}
