package io.driftwatch.engine.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.driftwatch.engine.registry.IncompatibleSchemaException;
import io.driftwatch.engine.registry.RegistryUnavailableException;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.schema.DroppedFields;
import io.driftwatch.engine.transport.AvroCodec;
import io.driftwatch.engine.transport.DriftwatchHeaders;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.avro.generic.GenericRecord;

/**
 * Receives Debezium's change events in batches and writes them to Kafka: keys and values in Avro
 * (Confluent wire format, schemas registered under {@code <topic>-key} and {@code <topic>-value}),
 * each with Driftwatch's headers.
 *
 * <p>A batch's offsets are committed only after Kafka acknowledged every record of it, so a crash
 * re-sends at most the unacknowledged tail; each re-sent record carries the same txid and LSN
 * headers, which is how consumers recognise the duplicate. While the registry is unreachable the
 * handler waits with backoff rather than skipping anything.
 */
final class CaptureHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureHandler.class);
    private final CaptureSettings settings;
    private final Producer<byte[], byte[]> producer;
    private final TopicManager topics;
    private final AvroCodec codec;
    private final ConnectAvroConverter converter = new ConnectAvroConverter();
    private final JsonConverter parkedJson = new JsonConverter();
    private final Map<String, TableCounter> tables = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final Consumer<String> retrying;
    private final Runnable recovered;
    private final CausalStamper stamper;
    private final SnapshotMarker snapshot = new SnapshotMarker();
    /** While a snapshot is written: the rows the topics held when it began. */
    private SnapshotReconciler reconciler;
    private final AtomicLong vanished = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private int heldAtStart;
    private volatile long behindSource = -1;
    private final SchemaRegistryClient registry;
    private final TopicVersions versions;
    private final java.util.function.BiConsumer<String, String> moved;
    /** Per value subject: the source's last schema and the schema registered for it (dropped fields kept). */
    private final Map<String, Schema[]> keptSchemas = new ConcurrentHashMap<>();

    CaptureHandler(CaptureSettings settings, Producer<byte[], byte[]> producer, TopicManager topics,
                   SchemaRegistryClient registry, CausalStamper stamper, Consumer<String> retrying, Runnable recovered,
                   java.util.function.BiConsumer<String, String> moved) {
        this.settings = settings;
        this.registry = registry;
        this.versions = TopicVersions.fromRegistry(registry, settings.capture().topicPrefix());
        this.moved = moved;
        this.versions.moved().forEach(moved);
        this.stamper = stamper;
        this.producer = producer;
        this.topics = topics;
        this.codec = new AvroCodec(registry);
        this.retrying = retrying;
        this.recovered = recovered;
        parkedJson.configure(Map.of("schemas.enable", "true", "converter.type", "value"), false);
    }

    @Override
    public synchronized void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
                                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        Long newestCommit = null;
        for (RecordChangeEvent<SourceRecord> event : batch) {
            SourceRecord record = event.record();
            SnapshotMarker.Seen seen = snapshot.observe(record);
            if (!seen.snapshot() && kindOf(record) != TopicKind.HEARTBEAT) {
                Long ts = SourcePosition.of(record).sourceTsMillis();
                newestCommit = ts != null ? ts : newestCommit;
            }
            if (seen.snapshot() && reconciler == null) {
                reconciler = HeldRows.load(settings, registry);
                heldAtStart = reconciler.held();
                if (heldAtStart > 0) {
                    LOG.info("capture {}: a snapshot begins; {} row(s) already in the topics are compared with it", settings.region(), heldAtStart);
                }
            }
            ProducerRecord<byte[], byte[]> out = toKafka(record, seen);
            if (out != null) {
                sent.add(producer.send(out));
                if (seen.snapshot()) {
                    snapshot.written(seen.table());
                }
            }
            if (seen.last()) {
                for (SnapshotReconciler.Held gone : reconciler.vanished()) {
                    deletes(gone, record).forEach(delete -> sent.add(producer.send(delete)));
                    snapshot.written(gone.table());
                    vanished.incrementAndGet();
                }
                reconciler = null;
                if (heldAtStart > 0) {
                    LOG.info("capture {}: snapshot written; {} row(s) already held as read were not written again, {} row(s) gone from the "
                            + "source were deleted", settings.region(), unchanged.getAndSet(0), vanished.getAndSet(0));
                }
                sent.add(producer.send(toKafka(snapshot.end(record, settings.transactionTopic()), SnapshotMarker.Seen.NOTHING)));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                // Failing the batch stops the engine before it commits these offsets; the service
                // restarts it, and the batch is captured again.
                throw new CaptureFailedException("Kafka did not accept a record: " + e.getCause().getMessage(), e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : batch) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        records.addAndGet(batch.size());
        if (newestCommit != null) {
            behindSource = System.currentTimeMillis() - newestCommit;
        }
    }

    /** The record to write for {@code record}; null for a snapshot read of a row the topics hold as read. */
    private ProducerRecord<byte[], byte[]> toKafka(SourceRecord record, SnapshotMarker.Seen seen) throws InterruptedException {
        Long snapshotRow = seen.row();
        String topic = record.topic();
        TopicKind kind = kindOf(record);
        TableCounter counter = tables.computeIfAbsent(topic, t -> new TableCounter());
        RecordHeaders headers = headersOf(record);
        if (snapshotRow != null) {
            headers.add(DriftwatchHeaders.SNAPSHOT_ROW, DriftwatchHeaders.utf8(snapshotRow.toString()));
        }
        if (counter.blockedReason != null) {
            return park(record, topic, counter.blockedReason, headers);
        }
        boolean table = kind == TopicKind.TABLE || kind == TopicKind.APPEND_ONLY_TABLE;
        String target = table ? versions.topicFor(topic) : topic;
        while (true) {
            topics.ensure(target, kind);
            try {
                byte[] key = record.key() == null && record.keySchema() == null ? null : encode(target + "-key", record.keySchema(), record.key());
                byte[] value = record.value() == null ? null : encode(target + "-value", record.valueSchema(), record.value());
                if (seen.snapshot() && table && value != null && heldAtStart > 0) { // a first snapshot has nothing to compare with
                    SnapshotReconciler.Outcome outcome = reconcile(seen.table(), key, value);
                    if (outcome instanceof SnapshotReconciler.Outcome.Unchanged) {
                        unchanged.incrementAndGet();
                        return null;
                    }
                    if (outcome instanceof SnapshotReconciler.Outcome.Update update) {
                        value = asUpdate(target + "-value", value, update.before());
                    }
                }
                if (table) {
                    stamp(topic, key, record.value() == null, headers); // vectors follow the table, whatever its topic
                }
                counter.records.incrementAndGet();
                return new ProducerRecord<>(target, null, key, value, headers);
            } catch (IncompatibleSchemaException e) {
                String next = table ? versions.advance(topic) : null;
                if (next == null) {
                    counter.blockedReason = e.reason();
                    return park(record, topic, e.getMessage(), headers);
                }
                // A change the subject's level forbids: the table moves to a versioned topic with a
                // subject of its own; a bridge keeps the old topic fed in the old shape.
                counter.movedTo = next;
                counter.movedBecause = e.reason();
                moved.accept(topic, next);
                target = next;
            }
        }
    }

    private SnapshotReconciler.Outcome reconcile(String table, byte[] key, byte[] value) {
        Object after = ((GenericRecord) codec.decode(value).value()).get("after");
        return reconciler.read(table, key == null ? null : codec.decode(key).value().toString(), String.valueOf(after));
    }

    /** A snapshot read turned into the update from the held row: its before image is the held one's after image. */
    private byte[] asUpdate(String subject, byte[] read, SnapshotReconciler.Held held) {
        AvroCodec.Decoded decoded = codec.decode(read);
        GenericRecord envelope = (GenericRecord) decoded.value();
        GenericRecord heldAfter = (GenericRecord) ((GenericRecord) codec.decode(held.value()).value()).get("after");
        envelope.put("before", DroppedFields.adaptRow(heldAfter, envelope.getSchema()));
        envelope.put("op", "u");
        return codec.encode(subject, decoded.schema(), envelope);
    }

    /**
     * The delete of a held row the snapshot did not read, in the held version's own shape, as part
     * of the snapshot (its headers), followed by a tombstone for a keyed row so compaction can drop it.
     */
    private List<ProducerRecord<byte[], byte[]>> deletes(SnapshotReconciler.Held gone, SourceRecord last) {
        AvroCodec.Decoded decoded = codec.decode(gone.value());
        GenericRecord envelope = new org.apache.avro.generic.GenericData.Record((org.apache.avro.generic.GenericData.Record) decoded.value(), true);
        envelope.put("before", envelope.get("after"));
        envelope.put("after", null);
        envelope.put("op", "d");
        byte[] value = io.driftwatch.engine.transport.ConfluentWireFormat.frame(decoded.schemaId(), codec.encodeBare(decoded.schema(), envelope));
        byte[] key = gone.rawKey();
        RecordHeaders headers = headersOf(last);
        headers.remove(DriftwatchHeaders.SNAPSHOT_ROW);
        if (gone.identity() != null) {
            headers.add(DriftwatchHeaders.ROW_IDENTITY, DriftwatchHeaders.utf8(gone.identity()));
        }
        String baseTopic = settings.capture().topicPrefix() + "." + gone.table();
        stamp(baseTopic, key, false, headers);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(2);
        out.add(new ProducerRecord<>(gone.topic(), null, key, value, headers));
        if (key != null) {
            RecordHeaders tombstone = new RecordHeaders(headers.toArray());
            out.add(new ProducerRecord<>(gone.topic(), null, key, null, tombstone));
        }
        return out;
    }

    /** Adds the row's version vector and the change's hybrid logical clock timestamp. */
    private void stamp(String topic, byte[] framedKey, boolean tombstone, RecordHeaders headers) {
        String lsn = DriftwatchHeaders.text(headers, DriftwatchHeaders.LSN);
        byte[] bareKey = framedKey == null ? null
                : java.util.Arrays.copyOfRange(framedKey, io.driftwatch.engine.transport.ConfluentWireFormat.HEADER_SIZE, framedKey.length);
        CausalStamper.Stamp stamp = stamper.stamp(topic, bareKey, lsn == null ? 0 : Long.parseLong(lsn), tombstone);
        headers.add(DriftwatchHeaders.VERSION_VECTOR, io.driftwatch.engine.merge.VersionVectorCodec.encode(stamp.vector()));
        headers.add(DriftwatchHeaders.HLC, io.driftwatch.engine.merge.HybridTimestampCodec.encode(stamp.clock()));
    }

    private byte[] encode(String subject, org.apache.kafka.connect.data.Schema connectSchema, Object value)
            throws InterruptedException {
        Schema avro = converter.toAvro(connectSchema);
        Object avroValue = converter.toAvroValue(connectSchema, value);
        long delay = 200;
        while (true) {
            try {
                Schema registered = registeredShape(subject, avro);
                if (registered != avro && avroValue instanceof org.apache.avro.generic.GenericRecord record) {
                    avroValue = DroppedFields.adapt(record, registered);
                }
                byte[] bytes = codec.encode(subject, registered, avroValue);
                if (delay > 200) {
                    recovered.run();
                }
                return bytes;
            } catch (RegistryUnavailableException e) {
                retrying.accept(e.getMessage());
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    /**
     * The schema to register for {@code source} under {@code subject}: the source's, plus the
     * fields the latest registered version has and the source dropped (kept, deprecated).
     */
    private Schema registeredShape(String subject, Schema source) {
        if (!subject.endsWith("-value")) {
            return source;
        }
        Schema[] known = keptSchemas.get(subject);
        if (known != null && known[0].equals(source)) {
            return known[1];
        }
        Schema registered = source;
        try {
            io.driftwatch.engine.registry.SchemaVersion latest = registry.version(subject, "latest");
            registered = DroppedFields.keep(source, latest.schema(), latest.version());
        } catch (io.driftwatch.engine.registry.RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        keptSchemas.put(subject, new Schema[] {source, registered});
        return registered;
    }

    /** Writes a record whose schema the registry rejected to the parked topic, losslessly, as Connect JSON. */
    private ProducerRecord<byte[], byte[]> park(SourceRecord record, String topic, String reason, RecordHeaders headers) {
        topics.ensure(settings.parkedTopic(), TopicKind.PARKED);
        headers.add(DriftwatchHeaders.REASON, DriftwatchHeaders.utf8(reason));
        headers.add(DriftwatchHeaders.ORIGINAL_TOPIC, DriftwatchHeaders.utf8(topic));
        byte[] key = record.keySchema() == null ? null : parkedJson.fromConnectData(topic, record.keySchema(), record.key());
        byte[] value = parkedJson.fromConnectData(topic, record.valueSchema(), record.value());
        tables.get(topic).parked.incrementAndGet();
        return new ProducerRecord<>(settings.parkedTopic(), null, key, value, headers);
    }

    private TopicKind kindOf(SourceRecord record) {
        String topic = record.topic();
        if (topic.equals(settings.transactionTopic())) return TopicKind.TRANSACTIONS;
        if (topic.equals(settings.heartbeatTopic())) return TopicKind.HEARTBEAT;
        if (topic.startsWith(settings.capture().topicPrefix() + ".outbox.")) return TopicKind.OUTBOX;
        return record.keySchema() == null ? TopicKind.APPEND_ONLY_TABLE : TopicKind.TABLE;
    }

    private RecordHeaders headersOf(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DriftwatchHeaders.REGION, DriftwatchHeaders.utf8(settings.region()));
        SourcePosition position = SourcePosition.of(record);
        if (position.txId() != null) {
            headers.add(DriftwatchHeaders.TX_ID, DriftwatchHeaders.utf8(position.txId()));
        }
        if (position.lsn() != null) {
            headers.add(DriftwatchHeaders.LSN, DriftwatchHeaders.utf8(position.lsn().toString()));
        }
        if (position.commitLsn() != null) {
            headers.add(DriftwatchHeaders.COMMIT_LSN, DriftwatchHeaders.utf8(position.commitLsn().toString()));
        }
        if (position.sourceTsMillis() != null) {
            headers.add(DriftwatchHeaders.SOURCE_TS, DriftwatchHeaders.utf8(position.sourceTsMillis().toString()));
        }
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.add(header.key(), DriftwatchHeaders.utf8(header.value().toString()));
            }
        }
        return headers;
    }

    long records() {
        return records.get();
    }

    /**
     * How long after its commit the newest streamed change captured was in Kafka (Debezium's
     * "milliseconds behind source", taken when the batch was acknowledged); -1 before the first.
     */
    long millisBehindSource() {
        return behindSource;
    }

    List<TableState> tables() {
        List<TableState> states = new ArrayList<>();
        tables.forEach((topic, c) -> {
            if (c.blockedReason != null) {
                states.add(new TableState(topic, TableState.Status.BLOCKED, c.records.get(),
                        c.blockedReason + " (" + c.parked.get() + " change(s) parked on " + settings.parkedTopic() + ")"));
            } else if (c.movedTo != null || !versions.topicFor(topic).equals(topic)) {
                states.add(new TableState(topic, TableState.Status.VERSIONED, c.records.get(), "changes go to " + versions.topicFor(topic)
                        + (c.movedBecause == null ? "" : " since the registry rejected a change: " + c.movedBecause)));
            } else {
                states.add(new TableState(topic, TableState.Status.CAPTURING, c.records.get(), null));
            }
        });
        states.sort(java.util.Comparator.comparing(TableState::topic));
        return states;
    }

    /** Per-topic counts and, once the registry rejected its schema, why the table is held back. */
    private static final class TableCounter {
        final AtomicLong records = new AtomicLong();
        final AtomicLong parked = new AtomicLong();
        volatile String blockedReason;
        volatile String movedTo;
        volatile String movedBecause;
    }

    /** Where a change came from in the source database, read from Debezium's source block and offset. */
    record SourcePosition(String txId, Long lsn, Long commitLsn, Long sourceTsMillis) {
        static SourcePosition of(SourceRecord record) {
            String txId = null;
            Long lsn = null;
            Long ts = null;
            if (record.value() instanceof Struct value && value.schema().field("source") != null) {
                Struct source = value.getStruct("source");
                if (source != null) {
                    Object tx = source.schema().field("txId") != null ? source.get("txId") : null;
                    txId = tx == null ? null : tx.toString();
                    lsn = source.schema().field("lsn") != null ? (Long) source.get("lsn") : null;
                    ts = source.schema().field("ts_ms") != null ? (Long) source.get("ts_ms") : null;
                }
            } else if (record.value() instanceof Struct value && value.schema().field("status") != null) {
                // A transaction BEGIN/END marker: its id is "txId:LSN".
                String id = value.getString("id");
                String[] parts = id == null ? new String[0] : id.split(":", 2);
                txId = parts.length > 0 ? parts[0] : null;
                if (parts.length == 2 && "END".equals(value.getString("status"))) {
                    lsn = Long.parseLong(parts[1]);
                }
                ts = value.schema().field("ts_ms") != null ? (Long) value.get("ts_ms") : null;
            }
            Map<String, ?> offset = record.sourceOffset();
            if (lsn == null && offset != null && offset.get("lsn") instanceof Number n) {
                lsn = n.longValue();
            }
            if (txId == null && offset != null && offset.get("txId") != null) {
                txId = offset.get("txId").toString();
            }
            // pgoutput announces a transaction's commit position only with its COMMIT, so only the
            // END marker knows it: its id is "txId:commitLsn". (A row's lsn_commit offset field is
            // the previous transaction's commit, hence not used.)
            Long commitLsn = null;
            if (record.value() instanceof Struct marker && marker.schema().field("status") != null
                    && "END".equals(marker.getString("status"))) {
                commitLsn = lsn;
            }
            return new SourcePosition(txId, lsn, commitLsn, ts);
        }
    }
}
