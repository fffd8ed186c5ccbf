package io.driftwatch.engine.lag;

import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lag probe over a stack's endpoints: per region its PostgreSQL slots, its Kafka consumer
 * group and transaction markers, and the views' visible positions in ClickHouse. Each part
 * fails on its own: a server that does not answer becomes a problem line, the rest is measured.
 * Not thread-safe: one prober thread calls it.
 */
public final class StackLagProbe implements LagProbe {
    private final InstantSource clock;
    private final Map<String, ReplicationSlots> slots = new LinkedHashMap<>();
    private final Map<String, ConsumerGroupLag> groups = new LinkedHashMap<>();
    private final Map<String, TransactionTail> markers = new LinkedHashMap<>();
    private final Map<String, PendingCommits> pending = new LinkedHashMap<>();
    private final VisiblePositions visible;
    private final LagSources sources;

    public StackLagProbe(StackEndpoints endpoints, LagSources sources, InstantSource clock) {
        this.clock = clock;
        this.sources = sources;
        for (String region : endpoints.regionNames()) {
            StackEndpoints.RegionEndpoints r = endpoints.region(region);
            slots.put(region, new ReplicationSlots(region, r.postgres()));
            groups.put(region, new ConsumerGroupLag(region, r.kafka(), sources));
            markers.put(region, new TransactionTail(sources.transactionTopic(), r.kafka()));
            pending.put(region, new PendingCommits());
        }
        this.visible = new VisiblePositions(endpoints.clickhouse(), sources.viewDatabase());
    }

    @Override
    public LagSnapshot probe() {
        List<String> problems = new ArrayList<>();
        List<LagSnapshot.SlotLag> slotLags = new ArrayList<>();
        List<LagSnapshot.PartitionLag> partitionLags = new ArrayList<>();
        slots.forEach((region, reader) -> {
            try {
                slotLags.addAll(reader.read());
            } catch (Exception e) {
                problems.add("PostgreSQL in " + region + " did not answer: " + message(e));
            }
        });
        Map<String, List<LagSnapshot.PartitionLag>> byRegion = new LinkedHashMap<>();
        groups.forEach((region, reader) -> {
            try {
                byRegion.put(region, reader.read());
            } catch (Exception e) {
                problems.add("Kafka in " + region + " did not answer: " + message(e));
            }
        });
        partitionLags.addAll(ReadClusters.of(sources, byRegion));
        Map<String, Boolean> markersRead = new LinkedHashMap<>();
        markers.forEach((region, tail) -> {
            try {
                tail.read().forEach(pending.get(region)::saw);
                markersRead.put(region, true);
            } catch (Exception e) {
                problems.add("transaction markers in " + region + " could not be read: " + message(e));
            }
        });
        List<LagSnapshot.VisibilityLag> visibilityLags = new ArrayList<>();
        try {
            Map<String, Long> positions = visible.read();
            long now = clock.millis();
            markersRead.keySet().forEach(region -> {
                PendingCommits p = pending.get(region);
                if (p.newest() > 0) {
                    long position = positions.getOrDefault(region, 0L);
                    visibilityLags.add(new LagSnapshot.VisibilityLag(region, position, p.newest(), p.lagMillis(position, now)));
                }
            });
        } catch (Exception e) {
            problems.add("ClickHouse did not answer: " + message(e));
        }
        return new LagSnapshot(Instant.ofEpochMilli(clock.millis()), slotLags, partitionLags, visibilityLags, problems);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        slots.values().forEach(ReplicationSlots::close);
        groups.values().forEach(ConsumerGroupLag::close);
        markers.values().forEach(TransactionTail::close);
    }
}
