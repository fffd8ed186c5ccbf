package io.driftwatch.engine.capture;

import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records a region's capture wrote to its table topics, read once from their start to their
 * end as they are now (compaction keeps that close to one record per key, plus the recent tail).
 * Records another region wrote are left out; schema bridges' copies (header {@code dw.bridged}) are
 * included.
 */
final class OwnRecords {
    private OwnRecords() {}

    /** Reads the region's records of every table topic of the pipeline. */
    static void read(CaptureSettings settings, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        String prefix = settings.capture().topicPrefix() + ".";
        read(settings, topic -> topic.startsWith(prefix) && !topic.equals(settings.transactionTopic()) && !topic.startsWith(prefix + "outbox."), each);
    }

    /** Reads the region's records of its transaction topic (BEGIN and END markers). */
    static void transactions(CaptureSettings settings, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        read(settings, settings.transactionTopic()::equals, each);
    }

    private static void read(CaptureSettings settings, java.util.function.Predicate<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.kafkaClient(p), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                    .filter(e -> topics.test(e.getKey()))
                    .flatMap(e -> e.getValue().stream().map((PartitionInfo i) -> new TopicPartition(i.topic(), i.partition())))
                    .toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (settings.region().equals(DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.REGION))) {
                        each.accept(r);
                    }
                }
            }
        }
    }
}
