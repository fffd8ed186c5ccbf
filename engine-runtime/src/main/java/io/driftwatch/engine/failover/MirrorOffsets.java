package io.driftwatch.engine.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.OffsetSync;

/**
 * Reads what MirrorMaker 2 knows about offsets from one region's Kafka cluster: the checkpoints of
 * a consumer group translated into this cluster, the offset syncs of the flows out of it, and
 * offsets by timestamp. Short-lived: one per failover.
 */
public final class MirrorOffsets implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    public MirrorOffsets(String bootstrapServers, io.driftwatch.engine.transport.KafkaSecurity security, Duration timeout) {
        Properties p = security.asProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        this.consumer = new KafkaConsumer<>(p);
        this.timeout = timeout;
    }

    /**
     * The checkpoints of {@code group} from {@code sourceRegion}'s cluster, translated into this
     * one: per topic-partition key (as named here), upstream offset → downstream offset.
     */
    public Map<String, NavigableMap<Long, Long>> checkpoints(String sourceRegion, String group) {
        Map<String, NavigableMap<Long, Long>> out = new HashMap<>();
        readAll(MirrorSettings.checkpointsTopic(sourceRegion), record -> {
            Checkpoint c = Checkpoint.deserializeRecord(record);
            if (c.consumerGroupId().equals(group)) {
                out.computeIfAbsent(ResumePlanner.key(c.topicPartition().topic(), c.topicPartition().partition()), k -> new TreeMap<>())
                        .put(c.upstreamOffset(), c.downstreamOffset());
            }
        });
        return out;
    }

    /**
     * The offset syncs of the flow from this cluster to {@code targetRegion}: per topic-partition
     * key (as named here), offset of the copy in the target → offset here.
     */
    public Map<String, NavigableMap<Long, Long>> syncsByDownstream(String targetRegion) {
        Map<String, NavigableMap<Long, Long>> out = new HashMap<>();
        readAll(MirrorSettings.offsetSyncsTopic(targetRegion), record -> {
            OffsetSync s = OffsetSync.deserializeRecord(record);
            out.computeIfAbsent(ResumePlanner.key(s.topicPartition().topic(), s.topicPartition().partition()), k -> new TreeMap<>())
                    .put(s.downstreamOffset(), s.upstreamOffset());
        });
        return out;
    }

    /** Per topic-partition key, the first offset whose record's timestamp is at or after the given one. */
    public Map<String, Long> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        Map<String, Long> out = new HashMap<>();
        if (timestamps.isEmpty()) {
            return out;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(timestamps, timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(timestamps.keySet(), timeout);
        for (TopicPartition tp : timestamps.keySet()) {
            OffsetAndTimestamp o = found.get(tp);
            // No record that new: everything there was read; resume at the end.
            long offset = o != null ? o.offset() : ends.getOrDefault(tp, 0L);
            out.put(ResumePlanner.key(tp.topic(), tp.partition()), offset);
        }
        return out;
    }

    /** Every record of {@code topic} up to its current end; nothing when the topic does not exist. */
    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                each.accept(record);
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
