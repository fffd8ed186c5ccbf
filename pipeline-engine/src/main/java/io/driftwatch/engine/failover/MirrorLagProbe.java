package io.driftwatch.engine.failover;

import io.driftwatch.engine.api.ReplicationLag;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.StackEndpoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Replication lag from the clusters themselves: per capture topic partition, the original's end
 * offset and newest timestamp against its copy's in every other region. Admin clients per region
 * stay open between probes.
 */
public final class MirrorLagProbe implements ReplicationProbe {
    private static final long TIMEOUT_MS = 3_000;
    private final StackEndpoints endpoints;
    private final String topicPrefix;
    private final Map<String, Admin> admins = new HashMap<>();

    public MirrorLagProbe(StackEndpoints endpoints, String topicPrefix) {
        this.endpoints = endpoints;
        this.topicPrefix = topicPrefix;
    }

    @Override
    public Result probe() {
        List<ReplicationLag> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<TopicPartition, long[]>> ends = new HashMap<>();
        for (String region : endpoints.regionNames()) {
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
                    if (tp.topic().startsWith(topicPrefix + ".")) {
                        long[] copy = ends.get(to).get(new TopicPartition(MirrorSettings.remoteTopic(from, tp.topic()), tp.partition()));
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
        return new Result(out, problems);
    }

    /** Per partition of the region's capture topics and copies: end offset and newest record timestamp (-1: none). */
    private Map<TopicPartition, long[]> ends(String region) throws Exception {
        Admin admin = admins.computeIfAbsent(region, r -> Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.region(r).kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)));
        Set<String> names = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<String> topics = names.stream().filter(t -> t.startsWith(topicPrefix + ".") || t.contains("." + topicPrefix + ".")).toList();
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
