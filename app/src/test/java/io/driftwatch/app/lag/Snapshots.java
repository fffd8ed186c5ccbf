package io.driftwatch.app.lag;

import io.driftwatch.engine.api.LagSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds probe snapshots for tests: {@code at(10).slot("us-east-1", 1024).partition(...).build()}. */
final class Snapshots {
    private final Instant at;
    private final List<LagSnapshot.SlotLag> slots = new ArrayList<>();
    private final List<LagSnapshot.PartitionLag> partitions = new ArrayList<>();
    private final List<LagSnapshot.VisibilityLag> visibility = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private Snapshots(Instant at) {
        this.at = at;
    }

    static Snapshots at(long second) {
        return new Snapshots(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(second));
    }

    Snapshots slot(String region, long bytes) {
        slots.add(new LagSnapshot.SlotLag(region, "driftwatch_globalmart_" + region.replace('-', '_'), true, bytes));
        return this;
    }

    Snapshots partition(String region, String topic, int partition, long lag) {
        partitions.add(new LagSnapshot.PartitionLag(region, topic, partition, 1000 + lag, 1000, lag));
        return this;
    }

    Snapshots visible(String region, long millis) {
        visibility.add(new LagSnapshot.VisibilityLag(region, 100, millis == 0 ? 100 : 200, millis));
        return this;
    }

    Snapshots problem(String problem) {
        problems.add(problem);
        return this;
    }

    LagSnapshot build() {
        return new LagSnapshot(at, slots, partitions, visibility, problems);
    }
}
