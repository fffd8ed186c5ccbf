package io.driftwatch.app.services;

import io.driftwatch.app.regions.RegionsSnapshot;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.ServerStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the regions screen's snapshot from the running pipeline: its servers (processes and
 * probes), its region control (which region processes, the figures of every move) and
 * MirrorMaker 2's lag from both Kafka clusters. Blocking.
 */
public final class RegionsReader implements SnapshotMonitor.Reader<RegionsSnapshot> {
    private final Supplier<List<ServerStatus>> servers;
    private final Optional<RegionControl> control;
    private final ReplicationProbe replication;
    private final List<String> regions;

    /**
     * @param servers the app passes {@code () -> pipeline.status().servers()}
     * @param regions every region, primary first (used when there is no control, i.e. one region)
     */
    public RegionsReader(Supplier<List<ServerStatus>> servers, Optional<RegionControl> control, ReplicationProbe replication,
                         List<String> regions) {
        this.servers = servers;
        this.control = control;
        this.replication = replication;
        this.regions = List.copyOf(regions);
    }

    @Override
    public RegionsSnapshot read() {
        List<ServerStatus> now = servers.get();
        ReplicationProbe.Result lag = replication.probe();
        if (control.isEmpty()) {
            return new RegionsSnapshot(now, regions, regions.get(0), null, lag, List.of());
        }
        RegionControl c = control.get();
        return new RegionsSnapshot(now, c.regions(), c.primaryRegion(), c.activeRegion(), lag, c.figures());
    }

    @Override
    public void close() {
        replication.close();
    }
}
