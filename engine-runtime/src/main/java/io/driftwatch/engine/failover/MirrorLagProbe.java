package io.driftwatch.engine.failover;

import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.api.ReplicationLag;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Replication lag from the clusters themselves: per mirrored topic partition, the original's end
 * offset and newest timestamp against its copy's in every other region. Admin clients per region
 * stay open between probes.
 *
 * <p>Each probe also judges every flow ({@link FlowWatch}): besides the topics it reports, it
 * reads MirrorMaker 2's {@code heartbeats} topics, which every flow copies every second, so a
 * stalled flow shows even while the pipeline's own topics are idle. For a stalled flow it adds what
 * MirrorMaker 2 says of its tasks ({@link MirrorStatusReader}).
 */
public final class MirrorLagProbe implements ReplicationProbe {
    private static final long TIMEOUT_MS = 3_000;
    /** Long enough for a flow that copies at all to move (heartbeats every second), short enough to report within 10 s. */
    public static final Duration STALL_AFTER = Duration.ofSeconds(6);
    private static final String HEARTBEATS = "heartbeats";
    private final Map<String, String> bootstrapByRegion;
    /** Each region's Kafka client security; plaintext for a region not named. */
    private final Map<String, io.driftwatch.engine.transport.KafkaSecurity> securityByRegion = new HashMap<>();
    private final List<String> regions;
    private final Predicate<String> reported;
    private final Map<String, Admin> admins = new HashMap<>();
    private final FlowWatch flows;
    private final MirrorStatusReader mirrorStatus = new MirrorStatusReader();
    private final java.time.Clock clock;

    /** Reports the capture topics of {@code topicPrefix}. */
    public MirrorLagProbe(StackEndpoints endpoints, String topicPrefix) {
        this(bootstrapOf(endpoints), topicPrefix);
        endpoints.regionNames().forEach(r -> securityByRegion.put(r, endpoints.region(r).kafka().security()));
    }

    /** Reports the capture topics of {@code topicPrefix} between the clusters at {@code bootstrapByRegion}. */
    public MirrorLagProbe(Map<String, String> bootstrapByRegion, String topicPrefix) {
        this(bootstrapByRegion, topic -> topic.startsWith(topicPrefix + "."), STALL_AFTER, java.time.Clock.systemUTC());
    }

    /** As above, each region's clients authenticating with its {@code security}. */
    public MirrorLagProbe(Map<String, String> bootstrapByRegion, Map<String, io.driftwatch.engine.transport.KafkaSecurity> security,
                          String topicPrefix) {
        this(bootstrapByRegion, topicPrefix);
        securityByRegion.putAll(security);
    }

    private static Map<String, String> bootstrapOf(StackEndpoints endpoints) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        endpoints.regionNames().forEach(r -> out.put(r, endpoints.region(r).kafka().bootstrapServers()));
        return out;
    }

    /** Reports every topic MirrorMaker 2 copies between the regions (the originals, not the copies). */
    public static MirrorLagProbe everyMirroredTopic(StackEndpoints endpoints) {
        List<String> regions = endpoints.regionNames();
        MirrorLagProbe probe = new MirrorLagProbe(bootstrapOf(endpoints),
                topic -> MirrorSettings.mirrored(topic) && regions.stream().noneMatch(r -> topic.startsWith(r + ".")),
                STALL_AFTER, java.time.Clock.systemUTC());
        regions.forEach(r -> probe.securityByRegion.put(r, endpoints.region(r).kafka().security()));
        return probe;
    }

    MirrorLagProbe(Map<String, String> bootstrapByRegion, Predicate<String> reported, Duration stallAfter, java.time.Clock clock) {
        this.bootstrapByRegion = Map.copyOf(bootstrapByRegion);
        this.regions = List.copyOf(bootstrapByRegion.keySet());
        this.reported = reported;
        this.flows = new FlowWatch(stallAfter);
        this.clock = clock;
    }

    /** Measured: the reported topics and the heartbeats. */
    private boolean measured(String original) {
        return reported.test(original) || original.equals(HEARTBEATS);
    }

    @Override
    public Result probe() {
        List<ReplicationLag> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<TopicPartition, long[]>> ends = new HashMap<>();
        for (String region : regions) {
            try {
                ends.put(region, ends(region));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                problems.add("kafka-" + region + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                close(region);
            }
        }
        for (String from : ends.keySet()) {
            for (String to : ends.keySet()) {
                if (from.equals(to)) {
                    continue;
                }
                ends.get(from).forEach((tp, original) -> {
                    if (measured(tp.topic()) && !isCopy(tp.topic())) {
                        long[] copy = ends.get(to).get(new TopicPartition(PipelineNames.remoteTopic(from, tp.topic()), tp.partition()));
                        long copyEnd = copy == null ? 0 : copy[0];
                        long copyTs = copy == null ? -1 : copy[1];
                        long lagMillis = original[1] > copyTs && original[1] >= 0 ? (copyTs < 0 ? -1 : original[1] - copyTs) : 0;
                        out.add(new ReplicationLag(from, to, tp.topic(), tp.partition(), original[0], copyEnd,
                                Math.max(0, original[0] - copyEnd), lagMillis));
                    }
                });
            }
        }
        out.sort(java.util.Comparator.comparing(ReplicationLag::fromRegion).thenComparing(ReplicationLag::topic)
                .thenComparingInt(ReplicationLag::partition));
        Set<String> unreachable = new java.util.HashSet<>(regions);
        unreachable.removeAll(ends.keySet());
        List<MirrorFlow> judged = new ArrayList<>();
        for (MirrorFlow flow : flows.observe(clock.instant(), regions, out, unreachable)) {
            judged.add(flow.stalled() ? withMirrorsWords(flow) : flow);
        }
        List<ReplicationLag> reportedPartitions = out.stream().filter(p -> reported.test(p.topic())).toList();
        return new Result(reportedPartitions, problems, judged);
    }

    private MirrorFlow withMirrorsWords(MirrorFlow flow) {
        String says = mirrorStatus.notRunning(flow.from(), bootstrapByRegion.get(flow.to()),
                securityByRegion.getOrDefault(flow.to(), io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT));
        return new MirrorFlow(flow.from(), flow.to(), flow.condition(), flow.since(), flow.behindRecords(), flow.behindMillis(),
                says.isEmpty() ? "its source connector and tasks report RUNNING" : says);
    }

    /** A copy MirrorMaker 2 made: named after the region it came from. */
    private boolean isCopy(String topic) {
        return regions.stream().anyMatch(r -> topic.startsWith(r + "."));
    }

    /** Per partition of the region's capture topics and copies: end offset and newest record timestamp (-1: none). */
    private Map<TopicPartition, long[]> ends(String region) throws Exception {
        Admin admin = admins.computeIfAbsent(region, r -> {
            Map<String, Object> config = new HashMap<>(securityByRegion.getOrDefault(r, io.driftwatch.engine.transport.KafkaSecurity.PLAINTEXT)
                    .clientProperties());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapByRegion.get(r));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            return Admin.create(config);
        });
        Set<String> names = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<String> topics = names.stream().filter(t -> measured(t) || (isCopy(t) && measured(t.substring(t.indexOf('.') + 1)))).toList();
        Map<TopicPartition, long[]> out = new HashMap<>();
        if (topics.isEmpty()) {
            return out;
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> newest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            latest.put(tp, OffsetSpec.latest());
            newest.put(tp, OffsetSpec.maxTimestamp());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> times = admin.listOffsets(newest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ends.forEach((tp, info) -> {
            ListOffsetsResult.ListOffsetsResultInfo t = times.get(tp);
            out.put(tp, new long[] {info.offset(), t == null || t.offset() < 0 ? -1 : t.timestamp()});
        });
        return out;
    }

    private void close(String region) {
        Admin admin = admins.remove(region);
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        List.copyOf(admins.keySet()).forEach(this::close);
    }
}
