package io.driftwatch.engine.service;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.transport.TopicKind;
import io.driftwatch.engine.transport.TopicManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The command topic {@code driftwatch.<prefix>.commands}, in every region's Kafka: consoles and
 * {@code driftwatch conflicts resolve} write commands ({@link CommandFormat}) to whichever region
 * answers; the engine reads every region's and acknowledges each command on the status topic.
 *
 * <p>Why a topic and not a call into the engine: the workstation needs no route to the engine's
 * machine, only to Kafka, and Kafka's ACLs say who may command (write to this topic) and who may
 * only watch (read the status topic).
 */
public final class CommandTopic {
    private CommandTopic() {}

    public static String name(String topicPrefix) {
        return "driftwatch." + topicPrefix + ".commands";
    }

    /** Writes {@code command} to the first region whose Kafka takes it; returns that region. */
    public static String send(StackEndpoints endpoints, String topicPrefix, Command command) {
        List<String> refused = new ArrayList<>();
        for (String region : endpoints.regionNames()) {
            Map<String, Object> p = new HashMap<>(endpoints.region(region).kafka().clientProperties());
            p.put("acks", "all");
            p.put("max.block.ms", 5_000);
            p.put("delivery.timeout.ms", 10_000);
            p.put("request.timeout.ms", 5_000);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(name(topicPrefix), command.id().getBytes(StandardCharsets.UTF_8), CommandFormat.encode(command)))
                        .get();
                return region;
            } catch (Exception e) {
                refused.add(region + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            }
        }
        throw new IllegalStateException("no region's Kafka took the command: " + String.join("; ", refused));
    }

    /** Waits for the engine's acknowledgement of command {@code id} on any region's status topic. */
    public static Optional<Command.Ack> awaitAck(StackEndpoints endpoints, String topicPrefix, String id, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String region : endpoints.regionNames()) {
                StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
                try {
                    Command.Ack ack = StatusTopic.read(kafka.bootstrapServers(), kafka.security(), topicPrefix, Duration.ofSeconds(5)).acks().get(id);
                    if (ack != null) {
                        return Optional.of(ack);
                    }
                } catch (RuntimeException unreachable) {
                    // another region may answer
                }
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(500);
        }
    }

    /**
     * The engine's side: reads the command topic of every region (one thread each), carries out
     * each command once through {@code execute}, and acknowledges it through {@code acknowledge}.
     * A record that is not a command is acknowledged as refused, with the reason, when it names an
     * id; either way the handler goes on.
     */
    public static final class Handler implements AutoCloseable {
        /** A command older than this when the engine reads it is refused, not carried out. */
        public static final Duration MAX_AGE = Duration.ofMinutes(10);

        private final List<Thread> threads = new ArrayList<>();
        private final Set<String> seen = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 10_000;
            }
        }));
        private volatile boolean running = true;

        public Handler(StackEndpoints endpoints, String topicPrefix, String engine, Function<Command, Command.Ack> execute,
                       Consumer<Command.Ack> acknowledge, Consumer<String> log) {
            for (String region : endpoints.regionNames()) {
                StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
                try (TopicManager topics = new TopicManager(kafka.bootstrapServers(), 1, kafka.security())) {
                    topics.ensure(name(topicPrefix), TopicKind.PARKED);
                }
                Map<String, Object> p = new HashMap<>(kafka.clientProperties());
                p.put("group.id", "driftwatch-engine-" + topicPrefix);
                p.put("client.id", "driftwatch-commands-" + region);
                // From the start for a new group, so a command sent while the engine starts is not missed; stale ones expire (below).
                p.put("auto.offset.reset", "earliest");
                p.put("enable.auto.commit", false);
                Thread t = new Thread(() -> {
                    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        consumer.subscribe(List.of(name(topicPrefix)));
                        while (running) {
                            try {
                                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                                    handle(r, engine, execute, acknowledge, log);
                                }
                                consumer.commitSync();
                            } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
                                return;
                            } catch (RuntimeException e) {
                                log.accept("commands in " + region + " could not be read: " + e.getMessage());
                                sleep();
                            }
                        }
                    }
                }, "driftwatch-commands-" + region);
                t.setDaemon(true);
                threads.add(t);
            }
        }

        public Handler start() {
            threads.forEach(Thread::start);
            return this;
        }

        private void handle(ConsumerRecord<byte[], byte[]> r, String engine, Function<Command, Command.Ack> execute,
                            Consumer<Command.Ack> acknowledge, Consumer<String> log) {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            Command command;
            try {
                command = CommandFormat.decode(r.value());
            } catch (IllegalArgumentException e) {
                log.accept("refused a record on " + r.topic() + " at offset " + r.offset() + ": " + e.getMessage());
                if (key != null && !key.isBlank() && key.length() <= 200) {
                    acknowledge.accept(new Command.Ack(key, engine, false, e.getMessage(), System.currentTimeMillis()));
                }
                return;
            }
            if (!seen.add(command.id())) {
                return; // read before, in another region
            }
            long age = System.currentTimeMillis() - command.issuedMs();
            if (age > MAX_AGE.toMillis()) {
                // A fail-over or a resolution decided long ago may no longer be what the operator wants.
                acknowledge.accept(new Command.Ack(command.id(), engine, false, "issued " + age / 1000 + " s ago, more than "
                        + MAX_AGE.toMinutes() + " minutes: not carried out; issue it again if it still holds", System.currentTimeMillis()));
                return;
            }
            Command.Ack ack;
            try {
                ack = execute.apply(command);
            } catch (RuntimeException e) {
                ack = new Command.Ack(command.id(), engine, false, e.getMessage(), System.currentTimeMillis());
            }
            log.accept("command " + command.id() + " from " + command.operator() + ": " + (ack.done() ? "done" : "refused") + ", " + ack.message());
            acknowledge.accept(ack);
        }

        private void sleep() {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            running = false;
            for (Thread t : threads) {
                try {
                    t.join(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
