package io.driftwatch.engine.process;

import java.io.Serializable;
import java.util.List;

/** Where the views live and which regions they show; serializable so operators can carry it. */
public record ClickHouseSettings(String url, String user, String password, String database, List<String> regions)
        implements Serializable {
    public ClickHouseSettings {
        regions = List.copyOf(regions);
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[" + url + ", user=" + user + ", database=" + database + ", regions=" + regions + "]";
    }
}
