package io.driftwatch.engine.service;

import io.driftwatch.engine.transport.KafkaSecurity;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The status topic {@code driftwatch.<prefix>.status}: compacted, one partition, in every
 * region's Kafka; keyed by engine ({@code host/pid}), valued by {@link StatusFormat}.
 *
 * <p>Why every region: a console must learn the engine's state while any one region's Kafka is
 * down, which is exactly when it is needed.
 */
public final class StatusTopic {
    private StatusTopic() {}

    public static String name(String topicPrefix) {
        return "driftwatch." + topicPrefix + ".status";
    }

    /** Keys of acknowledgements on the status topic: {@code ack/<command id>}. */
    static final String ACK_PREFIX = "ack/";

    /** What one region's status topic held: the newest report per engine, acknowledged commands, and what could not be read. */
    public record Reading(Map<String, EngineStatus> engines, Map<String, Command.Ack> acks, List<String> problems) {}

    /** Writes reports to the status topic of every region; a region that does not answer does not hold up the others. */
    public static final class Publisher implements AutoCloseable {
        private final String topic;
        private final Map<String, KafkaProducer<byte[], byte[]>> producers = new LinkedHashMap<>();
        private final Map<String, String> lastErrors = new java.util.concurrent.ConcurrentHashMap<>();

        /** Publishes to every region of {@code endpoints}, through its Kafka's security; the topic is created where missing. */
        public Publisher(String topicPrefix, io.driftwatch.engine.api.StackEndpoints endpoints) {
            this.topic = name(topicPrefix);
            endpoints.regionNames().forEach(region -> {
                io.driftwatch.engine.api.StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
                try (TopicManager topics = new TopicManager(kafka.bootstrapServers(), 1, kafka.security())) {
                    topics.ensure(topic, TopicKind.STATUS);
                }
                Map<String, Object> p = new HashMap<>(kafka.clientProperties());
                p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftwatch-status-" + region);
                p.put(ProducerConfig.ACKS_CONFIG, "all");
                p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                // A report that cannot be delivered soon is superseded by the next: give up rather than queue.
                p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
                p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
                p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
                producers.put(region, new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
            });
        }

        public void publish(EngineStatus status) {
            send(status.engine().getBytes(StandardCharsets.UTF_8), StatusFormat.encode(status));
        }

        /** Acknowledges a command, in every region: the operator may read any. */
        public void acknowledge(Command.Ack ack) {
            send((ACK_PREFIX + ack.command()).getBytes(StandardCharsets.UTF_8), CommandFormat.encode(ack));
        }

        private void send(byte[] key, byte[] value) {
            producers.forEach((region, producer) -> {
                try {
                    producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                        if (error == null) {
                            lastErrors.remove(region);
                        } else {
                            lastErrors.put(region, error.getMessage());
                        }
                    });
                } catch (RuntimeException e) {
                    lastErrors.put(region, e.getMessage());
                }
            });
        }

        /** Regions whose last report could not be delivered, with the reason. */
        public Map<String, String> undelivered() {
            return Map.copyOf(lastErrors);
        }

        @Override
        public void close() {
            producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
        }
    }

    /**
     * Reads one region's status topic from its start to its end (it is compacted: a few records
     * per engine).
     */
    public static Reading read(String bootstrapServers, KafkaSecurity security, String topicPrefix, Duration timeout) {
        Map<String, Object> p = new HashMap<>(security.clientProperties());
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", "driftwatch-status-reader");
        p.put("enable.auto.commit", false);
        p.put("request.timeout.ms", (int) timeout.toMillis());
        p.put("default.api.timeout.ms", (int) timeout.toMillis());
        Map<String, EngineStatus> engines = new LinkedHashMap<>();
        Map<String, Command.Ack> acks = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(name(topicPrefix), timeout);
            if (infos == null || infos.isEmpty()) {
                problems.add("no status topic " + name(topicPrefix) + " at " + bootstrapServers + ": no engine has run with this prefix here");
                return new Reading(engines, acks, problems);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || r.value() == null) {
                        continue;
                    }
                    String engine = new String(r.key(), StandardCharsets.UTF_8);
                    if (engine.startsWith(ACK_PREFIX)) {
                        try {
                            acks.put(engine.substring(ACK_PREFIX.length()), CommandFormat.decodeAck(r.value()));
                        } catch (IllegalArgumentException e) {
                            problems.add("acknowledgement " + engine + " unreadable: " + e.getMessage());
                        }
                        continue;
                    }
                    try {
                        engines.put(engine, StatusFormat.decode(r.value()));
                    } catch (IllegalArgumentException e) {
                        problems.add("status of " + engine + " at offset " + r.offset() + " unreadable: " + e.getMessage());
                    }
                }
            }
        }
        return new Reading(engines, acks, problems);
    }
}
