package io.driftwatch.app.regions;

import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.ServerStatus;
import java.util.List;

/**
 * One reading of the regions: every server of the stack, which region processes, MirrorMaker 2's
 * lag per partition and the failover figures recorded so far.
 *
 * @param regions primary first
 * @param active  the region whose Kafka the processing job reads; null with one region (nothing can move)
 */
public record RegionsSnapshot(List<ServerStatus> servers, List<String> regions, String primary, String active,
                              ReplicationProbe.Result replication, List<FailoverFigures> figures) {
    public RegionsSnapshot {
        servers = List.copyOf(servers);
        regions = List.copyOf(regions);
        figures = List.copyOf(figures);
    }
}
