package io.driftwatch.engine.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's capture: Debezium's embedded engine reading PostgreSQL's WAL through pgoutput and
 * writing to the region's Kafka.
 *
 * <p>A supervisor thread owns the engine. When anything fails (PostgreSQL, Kafka or the registry
 * unreachable, a batch Kafka refused) the engine stops without committing the unfinished batch,
 * and the supervisor starts it again after a growing pause (0.5 s doubling to 30 s): the engine
 * resumes from its last committed offset, so nothing is skipped. The state only moves by
 * compare-and-set, so an illegal transition fails loudly.
 */
public final class CaptureService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * How long stopping may wait for the engine. Why bounded: when Kafka is gone, Debezium's
     * close waits for its offset producer, which waits for the broker without end; the offsets
     * not flushed then are only re-sent changes after the next start, never lost ones.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final CaptureSettings settings;
    /** The slot's health is read every few seconds: over one kept connection, not a login each time. */
    private final KeptConnection watchConnection;
    private final AtomicReference<CaptureState> state = new AtomicReference<>(CaptureState.NEW);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicReference<CaptureHandler> handler = new AtomicReference<>();
    private final AtomicLong recordsBeforeRestart = new AtomicLong();
    private final java.util.Map<String, SchemaBridge> bridges = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private Thread supervisor;
    private Thread slotWatch;
    /** How often a running capture looks whether its slot was invalidated, and a failed one whether it was dropped. */
    static final Duration SLOT_WATCH = Duration.ofSeconds(5);

    public CaptureService(CaptureSettings settings) {
        this.settings = settings;
        this.watchConnection = new KeptConnection(settings);
    }

    public String region() {
        return settings.region();
    }

    public CaptureState state() {
        return state.get();
    }

    private void move(CaptureState from, CaptureState to) {
        if (!from.canMoveTo(to) || !state.compareAndSet(from, to)) {
            throw new IllegalStateException("capture " + settings.region() + " cannot move from " + state.get() + " to " + to);
        }
    }

    /** Moves to {@code to} unless the service is stopping; returns false when it is. */
    private boolean moveUnlessStopping(CaptureState to) {
        while (true) {
            CaptureState now = state.get();
            if (now == CaptureState.STOPPING || now == CaptureState.STOPPED) {
                return false;
            }
            if (now == to) {
                return true;
            }
            if (!now.canMoveTo(to)) {
                throw new IllegalStateException("capture " + settings.region() + " cannot move from " + now + " to " + to);
            }
            if (state.compareAndSet(now, to)) {
                return true;
            }
        }
    }

    public synchronized void start() {
        move(CaptureState.NEW, CaptureState.STARTING);
        supervisor = new Thread(this::supervise, "driftwatch-capture-" + settings.region());
        supervisor.start();
        slotWatch = new Thread(this::watchSlot, "driftwatch-capture-slot-" + settings.region());
        slotWatch.setDaemon(true);
        slotWatch.start();
    }

    private void supervise() {
        long backoff = 500;
        while (state.get() != CaptureState.STOPPING) {
            if (slotLost()) {
                if (!awaitResnapshot()) {
                    break;
                }
                backoff = 500;
            }
            try (TopicManager topics = new TopicManager(settings.bootstrapServers(), settings.capture().topicPartitions(),
                    settings.kafkaSecurity());
                 KafkaProducer<byte[], byte[]> producer = producer()) {
                prepare(topics);
                CausalStamper stamper = StampRecovery.recover(settings);
                CaptureHandler current = new CaptureHandler(settings, producer, topics,
                        new SchemaRegistryClient(settings.registryUrl()), stamper,
                        reason -> {
                            lastError.set(reason);
                            moveUnlessStopping(CaptureState.RETRYING);
                        },
                        () -> moveUnlessStopping(CaptureState.RUNNING),
                        this::bridge);
                CaptureHandler previous = handler.getAndSet(current);
                if (previous != null) {
                    recordsBeforeRestart.addAndGet(previous.records());
                }
                engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(DebeziumProperties.of(settings))
                        .notifying(current)
                        .using((success, message, error) -> {
                            if (!success && error != null) {
                                lastError.set(message + ": " + rootMessage(error));
                            }
                        })
                        .build();
                if (!moveUnlessStopping(CaptureState.RUNNING)) {
                    break;
                }
                engine.run();
                engine.close();
            } catch (Exception | LinkageError e) {
                // Anything short of the JVM itself failing is retried: a dead supervisor would stop
                // capture silently.
                if (state.get() == CaptureState.STOPPING) {
                    // A stop closes the engine under its own run loop, which then reports the
                    // closed engine as a failure: that is the stop, not an error.
                    LOG.debug("capture {} stopped: {}", settings.region(), rootMessage(e));
                    break;
                }
                String explained = io.driftwatch.engine.transport.KafkaErrors.explain(e, settings.bootstrapServers(), settings.kafkaSecurity());
                lastError.set(explained != null ? explained : rootMessage(e));
                LOG.warn("capture {} failed: {}", settings.region(), lastError.get());
            }
            if (!moveUnlessStopping(CaptureState.RETRYING)) {
                break;
            }
            restarts.incrementAndGet();
            LOG.info("capture {} restarts in {} ms (last error: {})", settings.region(), backoff, lastError.get());
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            moveUnlessStopping(CaptureState.STARTING);
        }
    }

    /**
     * The slot's {@code wal_status} ("absent" without a slot), or null when PostgreSQL does not
     * answer (the engine's own retries deal with that).
     */
    private String slotStatus() {
        try {
            return watchConnection.look(c -> SourceDatabase.slot(c, settings.slotName())).map(SourceDatabase.Slot::walStatus).orElse("absent");
        } catch (SQLException e) {
            return null;
        }
    }

    /** Whether PostgreSQL invalidated this region's slot: the WAL it needed is gone, so restarting cannot resume. */
    private boolean slotLost() {
        return "lost".equals(slotStatus());
    }

    /**
     * Stays FAILED, with the error and what to do, until the lost slot is gone (dropped by
     * {@code capture resnapshot}, which also cleared the offsets); then capture starts again and
     * snapshots the region. Returns false when the service is stopped meanwhile.
     */
    private boolean awaitResnapshot() {
        lastError.set(SlotRecovery.lostMessage(settings));
        if (!moveUnlessStopping(CaptureState.FAILED)) {
            return false;
        }
        LOG.error("capture {}: {}", settings.region(), lastError.get());
        while (state.get() == CaptureState.FAILED) {
            try {
                Thread.sleep(SLOT_WATCH.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
            if ("absent".equals(slotStatus())) {
                LOG.info("capture {}: the lost slot {} is gone; capture starts again with a snapshot", settings.region(), settings.slotName());
                return moveUnlessStopping(CaptureState.STARTING);
            }
        }
        return false;
    }

    /**
     * While the engine runs, looks at the slot every {@link #SLOT_WATCH}: once PostgreSQL has
     * invalidated it, the engine is closed (its own retries would go on for ever) and the
     * supervisor finds the slot lost.
     */
    private void watchSlot() {
        while (true) {
            try {
                Thread.sleep(SLOT_WATCH.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            CaptureState now = state.get();
            if (now == CaptureState.STOPPING || now == CaptureState.STOPPED) {
                return;
            }
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
            if ((now == CaptureState.RUNNING || now == CaptureState.RETRYING) && current != null && slotLost()) {
                LOG.warn("capture {}: replication slot {} was invalidated; stopping the engine", settings.region(), settings.slotName());
                closeBounded(current);
            }
        }
    }


    /** Creates what capture writes to before the engine starts: topics, and the heartbeat table. */
    private void prepare(TopicManager topics) throws SQLException {
        topics.ensure(settings.offsetsTopic(), TopicKind.OFFSETS);
        topics.ensure(settings.transactionTopic(), TopicKind.TRANSACTIONS);
        topics.ensure(settings.heartbeatTopic(), TopicKind.HEARTBEAT);
        try (Connection c = SourceDatabase.connect(settings); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public." + DebeziumProperties.HEARTBEAT_TABLE
                    + " (id int PRIMARY KEY, beat timestamptz NOT NULL)");
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = producerSettings(settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftwatch-capture-" + settings.region());
        return new KafkaProducer<>(settings.kafkaClient(p), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** How capture's producer sends: every record acknowledged by all replicas, idempotent, in batches of up to 2 ms. */
    public static Properties producerSettings(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        return p;
    }

    /** Starts (once) the bridge that feeds {@code oldTopic} from {@code versionedTopic}. */
    private void bridge(String oldTopic, String versionedTopic) {
        bridges.computeIfAbsent(versionedTopic, t -> {
            SchemaBridge bridge = new SchemaBridge(settings, oldTopic, versionedTopic);
            bridge.start();
            LOG.info("capture {}: {} moved to {}; bridging back to the old shape", settings.region(), oldTopic, versionedTopic);
            return bridge;
        });
    }

    public CaptureStatus status() {
        CaptureHandler current = handler.get();
        long records = recordsBeforeRestart.get() + (current == null ? 0 : current.records());
        List<TableState> tables = current == null ? List.of() : current.tables();
        List<BridgeState> bridgeStates = bridges.values().stream().map(SchemaBridge::state).toList();
        return new CaptureStatus(settings.region(), state.get(), records, restarts.get(), lastError.get(), tables, bridgeStates,
                current == null ? -1 : current.millisBehindSource());
    }

    /** Stops the engine (committing what was processed) and waits for the supervisor to finish. */
    @Override
    public synchronized void close() {
        CaptureState now = state.get();
        if (now == CaptureState.NEW) {
            state.set(CaptureState.STOPPED);
            return;
        }
        if (now == CaptureState.STOPPED) {
            return;
        }
        state.set(CaptureState.STOPPING);
        if (now == CaptureState.RETRYING || now == CaptureState.FAILED) {
            supervisor.interrupt(); // sleeping before a restart or waiting for a resnapshot: nothing to finish
        }
        slotWatch.interrupt();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (current != null) {
            closeBounded(current);
        }
        try {
            // A closed engine returns from run() and the supervisor ends by itself; interrupt it
            // only if it is sleeping before a restart or stuck.
            supervisor.join(CLOSE_GRACE.toMillis());
            if (supervisor.isAlive()) {
                supervisor.interrupt();
                supervisor.join(CLOSE_GRACE.toMillis());
            }
            if (supervisor.isAlive()) {
                LOG.warn("capture {}: the engine did not stop within {} s; leaving it behind (it commits nothing more)",
                        settings.region(), 2 * CLOSE_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bridges.values().forEach(SchemaBridge::close);
        watchConnection.close();
        state.set(CaptureState.STOPPED);
    }

    /** Closes the engine from another thread and gives up waiting after {@link #CLOSE_GRACE}. */
    private void closeBounded(DebeziumEngine<RecordChangeEvent<SourceRecord>> current) {
        Thread closer = new Thread(() -> {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("closing capture {}: {}", settings.region(), e.getMessage());
            }
        }, "driftwatch-capture-close-" + settings.region());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("capture {}: the engine did not close within {} s (is Kafka at {} reachable?); stopping without it",
                    settings.region(), CLOSE_GRACE.toSeconds(), settings.bootstrapServers());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }
}
