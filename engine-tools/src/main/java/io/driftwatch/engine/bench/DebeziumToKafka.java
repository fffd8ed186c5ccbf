package io.driftwatch.engine.bench;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.DebeziumProperties;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The capture benchmark's second baseline: Debezium's embedded engine publishing to Kafka the way
 * Debezium Server does — Debezium's own JSON converter (schema and payload in every record), a
 * plain producer with the settings Driftwatch's capture uses, every record of a batch sent
 * asynchronously and the batch's offsets marked only once Kafka acknowledged all of it. What it
 * leaves out is what Driftwatch adds: Avro with a schema registry, the causal and transaction
 * headers, snapshot bookkeeping, offsets stored in Kafka (here in memory).
 */
final class DebeziumToKafka implements AutoCloseable {
    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final AtomicLong published = new AtomicLong();

    DebeziumToKafka(CaptureSettings settings) {
        Properties p = DebeziumProperties.of(settings);
        p.setProperty("name", "bench-kafka-" + settings.capture().topicPrefix());
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("heartbeat.interval.ms", "0");
        p.remove("heartbeat.action.query");
        producer = new KafkaProducer<>(CaptureService.producerSettings(settings.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer());
        engine = DebeziumEngine.create(Json.class).using(p).notifying((records, committer) -> {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ChangeEvent<String, String> event : records) {
                if (event.value() != null) {
                    sent.add(producer.send(new ProducerRecord<>(event.destination(),
                            event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8),
                            event.value().getBytes(StandardCharsets.UTF_8))));
                }
            }
            for (Future<RecordMetadata> future : sent) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Kafka did not accept a record", e.getCause());
                }
            }
            for (ChangeEvent<String, String> event : records) {
                committer.markProcessed(event);
            }
            committer.markBatchFinished();
            published.addAndGet(sent.size());
        }).build();
    }


    /**
     * Creates the topics it writes as capture creates its own (the brokers do not create topics on
     * first use), then starts.
     */
    void start(String tableTopic, String transactionTopic, String bootstrapServers) {
        try (TopicManager topics = new TopicManager(bootstrapServers, 1)) {
            topics.ensure(tableTopic, TopicKind.TABLE);
            topics.ensure(transactionTopic, TopicKind.TRANSACTIONS);
        }
        thread.execute(engine);
    }

    /** Records Kafka has acknowledged so far. */
    long published() {
        return published.get();
    }

    @Override
    public void close() throws Exception {
        engine.close();
        thread.shutdown();
        thread.awaitTermination(60, TimeUnit.SECONDS);
        producer.close();
    }
}
