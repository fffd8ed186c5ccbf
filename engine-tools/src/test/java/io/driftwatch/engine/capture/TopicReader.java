package io.driftwatch.engine.capture;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.avro.generic.GenericRecord;

/** Reads captured topics back from the beginning and decodes them with the registry. */
final class TopicReader {
    private final String bootstrap;
    private final AvroCodec codec;

    TopicReader(String bootstrap, SchemaRegistryClient registry) {
        this.bootstrap = bootstrap;
        this.codec = new AvroCodec(registry);
    }

    /** One decoded record: its topic, key and value (null for tombstones) and headers. */
    record Captured(String topic, Object keyData, Object valueData, String txId, String lsn, String region,
                    ConsumerRecord<byte[], byte[]> raw) {
        /** The key when it is an Avro record, else null. */
        GenericRecord key() {
            return keyData instanceof GenericRecord g ? g : null;
        }

        /** The value when it is an Avro record (a change envelope, a marker), else null. */
        GenericRecord value() {
            return valueData instanceof GenericRecord g ? g : null;
        }

        String op() {
            return valueData == null ? "tombstone" : value() == null ? "event" : String.valueOf(value().get("op"));
        }

        GenericRecord after() {
            return value() == null ? null : (GenericRecord) value().get("after");
        }

        GenericRecord before() {
            return value() == null ? null : (GenericRecord) value().get("before");
        }
    }

    /** Reads {@code topics} from the start until {@code done} holds for what was read, or the timeout. */
    List<Captured> readUntil(Collection<String> topics, Predicate<List<Captured>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Captured> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // Assigned, not subscribed: a group rebalance would rewind to the start and read twice.
            java.util.Set<org.apache.kafka.common.TopicPartition> assigned = new java.util.HashSet<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(all)) {
                if (assigned.stream().map(org.apache.kafka.common.TopicPartition::topic).distinct().count() < topics.size()) {
                    java.util.Map<String, List<org.apache.kafka.common.PartitionInfo>> existing = consumer.listTopics();
                    List<org.apache.kafka.common.TopicPartition> added = new ArrayList<>();
                    for (String topic : topics) {
                        for (org.apache.kafka.common.PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                            org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, info.partition());
                            if (assigned.add(tp)) {
                                added.add(tp);
                            }
                        }
                    }
                    if (!added.isEmpty()) {
                        consumer.assign(assigned);
                        consumer.seekToBeginning(added);
                    }
                }
                if (assigned.isEmpty()) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    Object key = r.key() == null ? null : codec.decode(r.key()).value();
                    Object value = r.value() == null ? null : codec.decode(r.value()).value();
                    all.add(new Captured(r.topic(), key, value, DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.TX_ID),
                            DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.LSN),
                            DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.REGION), r));
                }
            }
        }
        return all;
    }
}
