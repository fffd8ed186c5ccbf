package io.driftwatch.engine.capture;

import io.driftwatch.engine.merge.HybridClock;
import io.driftwatch.engine.merge.HybridTimestamp;
import io.driftwatch.engine.merge.HybridTimestampCodec;
import io.driftwatch.engine.merge.VersionVector;
import io.driftwatch.engine.merge.VersionVectorCodec;
import io.driftwatch.engine.transport.ConfluentWireFormat;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Seeds a {@link CausalStamper} from the region's own records already in Kafka: every table topic
 * of the pipeline is read from its start to its end (compaction keeps that close to one record per
 * key, plus the recent tail).
 */
final class StampRecovery {
    private StampRecovery() {}

    static CausalStamper recover(CaptureSettings settings) {
        Map<String, VersionVector> rows = new HashMap<>();
        Map<String, CausalStamper.Stamp> written = new HashMap<>();
        HybridTimestamp latest = HybridTimestamp.ZERO;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        String prefix = settings.capture().topicPrefix() + ".";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.kafkaClient(p), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix) && !e.getKey().equals(settings.transactionTopic())
                            && !e.getKey().startsWith(prefix + "outbox."))
                    .flatMap(e -> e.getValue().stream().map((PartitionInfo i) -> new TopicPartition(i.topic(), i.partition())))
                    .toList();
            if (partitions.isEmpty()) {
                return new CausalStamper(settings.region(), clock(settings, latest), rows, written);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!settings.region().equals(DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.REGION)) || r.key() == null) {
                        continue;
                    }
                    Header vv = r.headers().lastHeader(DriftwatchHeaders.VERSION_VECTOR);
                    Header hlc = r.headers().lastHeader(DriftwatchHeaders.HLC);
                    String lsn = DriftwatchHeaders.text(r.headers(), DriftwatchHeaders.LSN);
                    if (vv == null || hlc == null || lsn == null || r.key().length < ConfluentWireFormat.HEADER_SIZE) {
                        continue;
                    }
                    byte[] bareKey = Arrays.copyOfRange(r.key(), ConfluentWireFormat.HEADER_SIZE, r.key().length);
                    VersionVector vector = VersionVectorCodec.decode(vv.value());
                    HybridTimestamp at = HybridTimestampCodec.decode(hlc.value());
                    rows.merge(CausalStamper.rowId(r.topic(), bareKey), vector, VersionVector::merge);
                    if (r.value() != null) {
                        written.put(CausalStamper.changeId(r.topic(), bareKey, Long.parseLong(lsn)), new CausalStamper.Stamp(vector, at));
                    }
                    latest = latest.max(at);
                }
            }
        }
        return new CausalStamper(settings.region(), clock(settings, latest), rows, written);
    }

    /** The region's clock, never behind anything it stamped before, even if the wall clock went back. */
    private static HybridClock clock(CaptureSettings settings, HybridTimestamp latest) {
        return new HybridClock(settings.region(), System::currentTimeMillis, latest);
    }
}
