package io.driftwatch.engine.capture;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.registry.SchemaVersion;
import io.driftwatch.engine.schema.OldShape;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.transport.ConfluentWireFormat;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table's old topic alive for consumers not yet migrated after the table moved to a
 * versioned topic: reads {@code <topic>-vN}, rewrites each change in the old shape (the base
 * subject's latest schema) and produces it to the old topic, marked with the {@code dw.bridged}
 * header (so Driftwatch's own job, which reads the versioned topic, skips it). A change that
 * cannot be expressed in the old shape goes to the bridge's failure topic with the reason.
 * At least once: offsets are committed after the producer's acknowledgement; a duplicate keeps
 * its txid and LSN headers.
 */
final class SchemaBridge implements AutoCloseable {
    static final String BRIDGED = "dw.bridged";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaBridge.class);

    private final String from;
    private final String to;
    private final String failures;
    private final CaptureSettings settings;
    private final AtomicLong bridged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    SchemaBridge(CaptureSettings settings, String oldTopic, String versionedTopic) {
        this.settings = settings;
        this.from = versionedTopic;
        this.to = oldTopic;
        this.failures = "driftwatch." + settings.capture().topicPrefix() + ".bridge-failures." + settings.region();
        this.thread = new Thread(this::run, "driftwatch-bridge-" + versionedTopic);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    BridgeState state() {
        return new BridgeState(from, to, bridged.get(), failed.get(), lag.get(), lastError.get());
    }

    private void run() {
        while (!stopping) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer();
                 TopicManager topics = new TopicManager(settings.bootstrapServers(), settings.capture().topicPartitions(), settings.kafkaSecurity())) {
                topics.ensure(failures, TopicKind.PARKED);
                SchemaRegistryClient registry = new SchemaRegistryClient(settings.registryUrl());
                AvroCodec codec = new AvroCodec(registry);
                consumer.subscribe(List.of(from));
                while (!stopping) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (records.isEmpty()) {
                        updateLag(consumer);
                        continue;
                    }
                    SchemaVersion oldValue = registry.version(to + "-value", "latest");
                    SchemaVersion oldKey = registry.version(to + "-key", "latest");
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        producer.send(bridge(r, codec, oldValue, oldKey));
                    }
                    producer.flush();
                    consumer.commitSync();
                    updateLag(consumer);
                }
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                lastError.set(e.getMessage());
                LOG.warn("bridge {} → {} failed, retrying: {}", from, to, e.getMessage());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private ProducerRecord<byte[], byte[]> bridge(ConsumerRecord<byte[], byte[]> r, AvroCodec codec, SchemaVersion oldValue, SchemaVersion oldKey) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h.key(), h.value());
        }
        headers.add(BRIDGED, DriftwatchHeaders.utf8(from));
        try {
            byte[] key = r.key() == null ? null : ConfluentWireFormat.frame(oldKey.id(),
                    codec.encodeBare(oldKey.schema(), OldShape.convert((GenericRecord) codec.decode(r.key()).value(), oldKey.schema())));
            byte[] value = r.value() == null ? null : ConfluentWireFormat.frame(oldValue.id(),
                    codec.encodeBare(oldValue.schema(), OldShape.convert((GenericRecord) codec.decode(r.value()).value(), oldValue.schema())));
            bridged.incrementAndGet();
            return new ProducerRecord<>(to, null, key, value, headers);
        } catch (IllegalArgumentException e) {
            failed.incrementAndGet();
            lastError.set(e.getMessage());
            headers.add(DriftwatchHeaders.REASON, DriftwatchHeaders.utf8("not expressible in the shape of " + to + ": " + e.getMessage()));
            headers.add(DriftwatchHeaders.ORIGINAL_TOPIC, DriftwatchHeaders.utf8(from));
            return new ProducerRecord<>(failures, null, r.key(), r.value(), headers);
        }
    }

    private void updateLag(KafkaConsumer<byte[], byte[]> consumer) {
        var assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
        long total = 0;
        for (TopicPartition tp : assignment) {
            total += Math.max(0, ends.getOrDefault(tp, 0L) - consumer.position(tp));
        }
        lag.set(total);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "driftwatch-bridge-" + from);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(settings.kafkaClient(p), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(settings.kafkaClient(p), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
