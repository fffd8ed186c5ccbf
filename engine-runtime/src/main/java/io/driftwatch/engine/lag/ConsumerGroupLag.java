package io.driftwatch.engine.lag;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.api.LagSnapshot.PartitionLag;
import io.driftwatch.engine.api.LagSources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * One region's Kafka: for every partition of the topics the processing job reads, how many
 * records lie beyond the offset its consumer group committed, through the admin client
 * ({@code listConsumerGroupOffsets} and {@code listOffsets} at the latest committed-read offset).
 *
 * <p>Why committed offsets: Flink's Kafka source commits its position to the group when a
 * checkpoint completes (and only then, since the checkpoint is what a restart resumes from), so
 * this lag is what a crash right now would have to re-read; it runs up to one checkpoint interval
 * behind what the job has actually read.
 */
final class ConsumerGroupLag implements AutoCloseable {
    private static final long TIMEOUT_MS = 5_000;

    private final String region;
    private final StackEndpoints.Kafka kafka;
    private final LagSources sources;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;

    ConsumerGroupLag(String region, StackEndpoints.Kafka kafka, LagSources sources) {
        this.region = region;
        this.kafka = kafka;
        this.sources = sources;
    }

    List<PartitionLag> read() throws Exception {
        try {
            return measure(admin());
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private List<PartitionLag> measure(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
                .filter(sources::processes).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
        // The job reads with isolation.level=read_committed, so its end is the last stable offset.
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest());
        List<TopicPartition> uncommitted = partitions.stream().filter(tp -> committed.get(tp) == null).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = uncommitted.isEmpty() ? Map.of()
                : offsets(admin, uncommitted, OffsetSpec.earliest());
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            from.put(tp, c != null ? c.offset() : earliest.get(tp).offset());
            if (latest.get(tp).offset() > from.get(tp)) {
                behind.put(tp, from.get(tp));
            }
        }
        Map<TopicPartition, Long> firstUnread = firstTimestamps(behind);
        long now = System.currentTimeMillis();
        List<PartitionLag> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long end = latest.get(tp).offset();
            OffsetAndMetadata c = committed.get(tp);
            long lag = Math.max(0, end - from.get(tp));
            Long ts = firstUnread.get(tp);
            long lagMillis = lag == 0 ? 0 : ts == null ? -1 : Math.max(0, now - ts);
            out.add(new PartitionLag(region, tp.topic(), tp.partition(), end, c != null ? c.offset() : -1, lag, lagMillis));
        }
        return out;
    }

    /**
     * The timestamp of the first record at or after each given offset: when the oldest record the
     * job has not committed was written, so lag can be told in seconds. Partitions whose record
     * does not arrive within the probe's time are left out (their age is unknown).
     */
    private Map<TopicPartition, Long> firstTimestamps(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (offsets.isEmpty()) {
            return found;
        }
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        long deadline = System.currentTimeMillis() + TIMEOUT_MS / 5;
        while (found.size() < offsets.size() && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                found.putIfAbsent(tp, r.timestamp());
                if (found.containsKey(tp)) {
                    consumer.pause(List.of(tp));
                }
            }
        }
        consumer.unsubscribe();
        return found;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(kafka.clientProperties());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "driftwatch-lag-age-" + region);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
            config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(sources.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            all.forEach((tp, offset) -> {
                if (offset != null) {
                    present.put(tp, offset);
                }
            });
            return present;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka.clientProperties());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "driftwatch-lag-probe-" + region);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
        if (consumer != null) {
            consumer.close(java.time.Duration.ofSeconds(2));
            consumer = null;
        }
    }
}
