package io.driftwatch.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.lag.StackLagProbe;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.LatencyTable;
import io.driftwatch.engine.sink.MergedLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code driftwatch status} prints: the engine's own reports from the status topic, and
 * what the pipeline's systems say — slots, consumer lag, commit→visible, open conflicts, the
 * registry's subjects — read with the config's credentials. Each source fails on its own: one
 * that does not answer becomes a problem naming it, the rest is reported.
 *
 * @param engines the newest report of every engine seen on any region's status topic
 * @param commitToVisible transactions made visible in the last minute, and their latency
 */
public record PipelineReport(String pipeline, long readAtMs, List<Engine> engines, List<LagSnapshot.SlotLag> slots,
                             List<LagSnapshot.PartitionLag> partitions, List<LagSnapshot.VisibilityLag> visibility,
                             Latency commitToVisible, Conflicts conflicts, List<String> subjects, List<String> problems,
                             Map<String, Long> deadLetters, List<Mirror> mirror) {

    /** A report without dead-letter counts and MirrorMaker 2 flows. */
    public PipelineReport(String pipeline, long readAtMs, List<Engine> engines, List<LagSnapshot.SlotLag> slots,
                          List<LagSnapshot.PartitionLag> partitions, List<LagSnapshot.VisibilityLag> visibility,
                          Latency commitToVisible, Conflicts conflicts, List<String> subjects, List<String> problems) {
        this(pipeline, readAtMs, engines, slots, partitions, visibility, commitToVisible, conflicts, subjects, problems, Map.of(), List.of());
    }

    /** An engine's report, with how old it was when read and whether the engine has gone quiet. */
    public record Engine(EngineStatus status, long ageMillis, boolean stale) {}

    /** Latency figures are null while no transaction became visible in the window. */
    public record Latency(long transactions, Double p50Millis, Double p99Millis, Double maxMillis) {}

    private static Double figure(double millis) {
        return Double.isNaN(millis) ? null : millis;
    }

    /**
     * What is wrong, in plain words; empty when the pipeline is healthy: an engine reports, none
     * is stale, every capture runs, the job runs, and every source answered.
     */
    public List<String> faults() {
        List<String> faults = new ArrayList<>(problems);
        if (engines.isEmpty()) {
            faults.add("no engine has reported on the status topic: is driftwatch run --config running?");
        }
        for (Engine e : engines) {
            String id = e.status().engine();
            if (e.stale()) {
                faults.add("engine " + id + " last reported " + e.ageMillis() / 1000 + " s ago");
                continue;
            }
            for (EngineStatus.RegionCapture c : e.status().regions()) {
                if (!"running".equals(c.state())) {
                    faults.add("capture of " + c.region() + " in " + id + " is " + c.state() + (c.lastError() == null ? "" : ": " + c.lastError()));
                }
            }
            String job = e.status().job() == null ? "NONE" : e.status().job().state();
            if (!job.equals("RUNNING") && !job.equals("NONE")) {
                faults.add("the job of " + id + " is " + job);
            }
        }
        for (LagSnapshot.SlotLag slot : slots) {
            if (!slot.walSafe()) {
                faults.add("replication slot " + slot.slot() + " in " + slot.region() + " has WAL status " + slot.walStatus()
                        + (slot.walStatus().equals("lost") ? ": PostgreSQL removed WAL it had not sent; capture cannot resume there"
                        : ": PostgreSQL is about to remove WAL it has not sent"));
            }
        }
        return faults;
    }

    /** Open conflicts; {@code oversells} are those of kind INVARIANT_VIOLATION (a counter driven below its floor). */
    /** Open conflicts, of those the oversells, and when the oldest open one was detected (-1: none open). */
    public record Conflicts(long open, long oversells, long oldestDetectedMs) {
        public Conflicts(long open, long oversells) {
            this(open, oversells, -1);
        }

        /** How long the oldest open conflict has waited for an operator at {@code nowMs}; 0 when none is open. */
        public double oldestAgeSeconds(long nowMs) {
            return oldestDetectedMs < 0 ? 0 : Math.max(0, nowMs - oldestDetectedMs) / 1000.0;
        }
    }

    /**
     * MirrorMaker 2's copies from one region's Kafka to another's: records not yet copied, and how
     * much older the newest copy is than the newest original (worst partition).
     */
    public record Mirror(String from, String to, String condition, long behindRecords, long behindMillis) {}

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration LATENCY_WINDOW = Duration.ofMinutes(1);

    /** Reads everything once (blocking, a few seconds; longer for a source that does not answer). */
    public static PipelineReport read(StackEndpoints endpoints, String topicPrefix, String viewDatabase, Clock clock) {
        List<String> problems = new ArrayList<>();
        Map<String, EngineStatus> newest = new LinkedHashMap<>();
        for (String region : endpoints.regionNames()) {
            StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
            try {
                StatusTopic.Reading reading = StatusTopic.read(kafka.bootstrapServers(), kafka.security(), topicPrefix, TIMEOUT);
                reading.engines().forEach((id, s) -> newest.merge(id, s, (a, b) -> a.heartbeatMs() >= b.heartbeatMs() ? a : b));
                reading.problems().forEach(p -> problems.add(region + ": " + p));
            } catch (RuntimeException e) {
                problems.add("the status topic in " + region + " could not be read: " + firstLine(e));
            }
        }
        long now = clock.millis();
        List<Engine> engines = newest.values().stream().sorted(Comparator.comparing(EngineStatus::engine))
                .map(s -> new Engine(s, s.ageMillis(now), s.stale(now))).toList();

        LagSources sources = new LagSources(topicPrefix, io.driftwatch.engine.process.JobSettings.consumerGroup(topicPrefix), viewDatabase);
        LagSnapshot lag;
        if (endpoints.clickhouse() != null) {
            try (StackLagProbe probe = new StackLagProbe(endpoints, sources, clock)) {
                lag = probe.probe();
            }
            problems.addAll(lag.problems());
        } else {
            lag = new LagSnapshot(clock.instant(), List.of(), List.of(), List.of(), List.of());
            problems.add("the config has no processing.clickhouse: lag, commit→visible and conflicts are not read");
        }

        Latency latency = null;
        Conflicts conflicts = null;
        if (endpoints.clickhouse() != null) {
            StackEndpoints.ClickHouse ch = endpoints.clickhouse();
            ClickHouseHttp clickhouse = new ClickHouseHttp(ch.url(), ch.user(), ch.password());
            try {
                LatencyTable.Summary s = new LatencyTable(clickhouse, viewDatabase).visibleSince(now - LATENCY_WINDOW.toMillis());
                latency = new Latency(s.transactions(), figure(s.p50()), figure(s.p99()), figure(s.max()));
            } catch (RuntimeException e) {
                problems.add("commit→visible could not be read from ClickHouse: " + firstLine(e));
            }
            try {
                long open = 0;
                long oversells = 0;
                long oldest = -1;
                for (JsonNode row : clickhouse.query(MergedLayout.openConflicts(viewDatabase))) {
                    open++;
                    if ("INVARIANT_VIOLATION".equals(row.path("kind").asText())) {
                        oversells++;
                    }
                    long detected = row.path("detected_ms").asLong(-1);
                    oldest = detected >= 0 && (oldest < 0 || detected < oldest) ? detected : oldest;
                }
                conflicts = new Conflicts(open, oversells, oldest);
            } catch (ClickHouseHttp.ClickHouseException e) {
                if (e.getMessage() != null && e.getMessage().contains("doesn't exist")) {
                    conflicts = new Conflicts(0, 0); // nothing merges across regions, or nothing merged yet
                } else {
                    problems.add("conflicts could not be read from ClickHouse: " + firstLine(e));
                }
            } catch (RuntimeException e) {
                problems.add("conflicts could not be read from ClickHouse: " + firstLine(e));
            }
        }

        List<String> subjects = List.of();
        try {
            subjects = new SchemaRegistryClient(endpoints.registry().url()).subjects().stream()
                    .filter(s -> s.startsWith(topicPrefix + ".")).sorted().toList();
        } catch (RuntimeException e) {
            problems.add("the registry did not answer: " + firstLine(e));
        }
        // The database may hold other pipelines' slots: this pipeline's are named for it.
        List<LagSnapshot.SlotLag> slots = lag.slots().stream()
                .filter(s -> s.slot().equals(io.driftwatch.engine.capture.CaptureSettings.slotName(topicPrefix, s.region()))).toList();
        Map<String, Long> deadLetters = new java.util.TreeMap<>();
        String deadLetterTopic = io.driftwatch.engine.process.JobSettings.deadLetterTopic(topicPrefix);
        for (String region : endpoints.regionNames()) {
            try {
                deadLetters.put(region, TopicSize.records(endpoints.region(region).kafka(), deadLetterTopic, TIMEOUT));
            } catch (RuntimeException e) {
                problems.add("the dead letters in " + region + " could not be counted: " + firstLine(e));
            }
        }
        // Between two or more regions: how far MirrorMaker 2's copies of the pipeline's topics are behind, per direction.
        List<Mirror> mirror = List.of();
        if (endpoints.regionNames().size() > 1) {
            try (io.driftwatch.engine.failover.MirrorLagProbe probe = new io.driftwatch.engine.failover.MirrorLagProbe(endpoints, topicPrefix)) {
                io.driftwatch.engine.api.ReplicationProbe.Result copies = probe.probe();
                mirror = copies.flows().stream().map(f -> new Mirror(f.from(), f.to(), f.condition().name().toLowerCase(), f.behindRecords(),
                        f.behindMillis())).toList();
                copies.problems().forEach(p -> problems.add("MirrorMaker 2: " + p));
            } catch (RuntimeException e) {
                problems.add("MirrorMaker 2's copies could not be read: " + firstLine(e));
            }
        }
        return new PipelineReport(topicPrefix, now, engines, slots, lag.partitions(), lag.visibility(), latency, conflicts, subjects,
                problems, deadLetters, mirror);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
