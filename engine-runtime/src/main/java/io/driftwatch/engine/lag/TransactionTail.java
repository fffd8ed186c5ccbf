package io.driftwatch.engine.lag;

import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The newest END markers in one region's transaction topic: which transactions capture has
 * delivered, with their commit position and time from Driftwatch's headers (no schema needed).
 * Reads the last few records of each partition without a consumer group, so it commits nothing.
 */
final class TransactionTail implements AutoCloseable {
    /** Markers read per probe: a few seconds of the Black Friday burst (two markers per transaction, 33 bytes each). */
    static final int TAIL = 512;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String topic;
    private final io.driftwatch.engine.api.StackEndpoints.Kafka kafka;
    private KafkaConsumer<byte[], byte[]> consumer;

    TransactionTail(String topic, io.driftwatch.engine.api.StackEndpoints.Kafka kafka) {
        this.topic = topic;
        this.kafka = kafka;
    }

    List<CommitMarker> read() {
        try {
            return readTail(consumer());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<CommitMarker> readTail(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long end = ends.getOrDefault(tp, 0L);
            long from = Math.max(begins.getOrDefault(tp, 0L), end - TAIL);
            consumer.seek(tp, from);
            if (end > from) {
                remaining.put(tp, end);
            }
        }
        List<CommitMarker> commits = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                String position = DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.COMMIT_LSN);
                String committedAt = DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.SOURCE_TS);
                if (position != null && committedAt != null) {
                    commits.add(new CommitMarker(Long.parseLong(position), Long.parseLong(committedAt)));
                }
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
        }
        return commits;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(kafka.clientProperties());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "driftwatch-lag-probe-markers");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
            config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
            consumer = null;
        }
    }
}
