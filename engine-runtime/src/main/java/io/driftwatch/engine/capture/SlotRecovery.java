package io.driftwatch.engine.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Recovery of a region whose replication slot PostgreSQL invalidated: forget where capture stood
 * (its offsets) and drop the slot, so that capture — the running engine's, waiting in FAILED, or the
 * next one started — creates a new slot and snapshots the region. The snapshot is reconciled with
 * what the topics hold ({@link SnapshotReconciler}), so only the changes the lost WAL held are
 * written, and the rows deleted meanwhile are deleted.
 */
public final class SlotRecovery {
    private SlotRecovery() {}

    /** What a failed capture says about its lost slot, with the way out. */
    static String lostMessage(CaptureSettings s) {
        return "replication slot " + s.slotName() + " was invalidated by PostgreSQL (wal_status lost): the WAL it still needed was removed "
                + "(max_slot_wal_keep_size), so the changes committed since capture last read are no longer there. Recover with: "
                + "./driftwatch capture resnapshot --config FILE --region " + s.region()
                + " (re-reads the region's tables and writes only what changed; nothing is counted twice)";
    }

    /** What a re-snapshot found and did. */
    public record Done(String slot, String walStatus, int offsetsCleared) {}

    /**
     * Clears the region's capture offsets, then drops its slot (in that order: a failed capture
     * starts again as soon as the slot is gone, and must then find no offsets).
     *
     * @throws IllegalStateException when the slot is in use (capture of the region is running), is
     *                               not lost (capture can resume from it), or the pipeline does not
     *                               snapshot (snapshot mode no_data)
     */
    public static Done resnapshot(CaptureSettings s, Consumer<String> progress) throws SQLException {
        String mode = s.capture().snapshotMode();
        if (mode != null && !mode.equals("initial") && !mode.equals("always") && !mode.equals("when_needed")) {
            throw new IllegalStateException("capture.snapshotMode is '" + mode + "': a new slot would not snapshot the region's rows. "
                    + "Set capture.snapshotMode to initial (or remove it) and run this again");
        }
        java.util.Optional<SourceDatabase.Slot> slot = SourceDatabase.slot(s);
        if (slot.isPresent() && slot.get().active()) {
            throw new IllegalStateException("replication slot " + s.slotName() + " is in use (PostgreSQL backend pid " + slot.get().activePid()
                    + "): capture of " + s.region() + " is reading it. Re-snapshot a region whose slot was lost, or stop its capture first");
        }
        String status = slot.map(SourceDatabase.Slot::walStatus).orElse("absent");
        if (slot.isPresent() && !"lost".equals(status)) {
            throw new IllegalStateException("replication slot " + s.slotName() + " is " + status + ", not lost: capture of "
                    + s.region() + " resumes from it, and a re-snapshot is for a slot PostgreSQL invalidated (or one that is gone)");
        }
        progress.accept("slot " + s.slotName() + " in " + s.region() + ": " + status);
        int cleared = clearOffsets(s);
        progress.accept("cleared " + cleared + " capture offset(s) of " + s.region() + " in " + s.offsetsTopic());
        if (!status.equals("absent")) {
            try (Connection c = SourceDatabase.connect(s); PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, s.slotName());
                drop.execute();
            }
            progress.accept("dropped slot " + s.slotName());
        }
        return new Done(s.slotName(), status, cleared);
    }

    /** Writes a tombstone for every key of the region's offsets topic; returns how many. */
    private static int clearOffsets(CaptureSettings s) {
        List<byte[]> keys = new ArrayList<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(s.kafkaClient(c), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(s.offsetsTopic(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            java.util.Map<String, byte[]> live = new java.util.LinkedHashMap<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null) {
                        continue;
                    }
                    String id = java.util.HexFormat.of().formatHex(r.key());
                    if (r.value() == null) {
                        live.remove(id);
                    } else {
                        live.put(id, r.key());
                    }
                }
            }
            keys.addAll(live.values());
        }
        if (keys.isEmpty()) {
            return 0;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(s.kafkaClient(p), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] key : keys) {
                producer.send(new ProducerRecord<>(s.offsetsTopic(), key, null));
            }
            producer.flush();
        }
        return keys.size();
    }
}
