package io.driftwatch.engine.transport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics with explicit settings the first time the engine needs each. */
public final class TopicManager implements AutoCloseable {
    private final Admin admin;
    private final int partitions;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final String bootstrapServers;
    private final KafkaSecurity security;

    public TopicManager(String bootstrapServers, int partitions) {
        this(bootstrapServers, partitions, KafkaSecurity.PLAINTEXT);
    }

    public TopicManager(String bootstrapServers, int partitions, KafkaSecurity security) {
        Map<String, Object> config = new java.util.HashMap<>(security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(config);
        this.partitions = partitions;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** Creates {@code topic} as {@code kind} unless it exists; safe to call for every record. */
    public void ensure(String topic, TopicKind kind) {
        if (known.contains(topic)) {
            return;
        }
        int count = kind == TopicKind.OFFSETS || kind == TopicKind.STATUS || kind == TopicKind.TRANSACTIONS || kind == TopicKind.HEARTBEAT ? 1 : partitions;
        try {
            admin.createTopics(List.of(new NewTopic(topic, count, (short) 1).configs(kind.configs())))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                String explained = KafkaErrors.explain(e.getCause(), bootstrapServers, security);
                throw new IllegalStateException("cannot create topic " + topic + ": "
                        + (explained != null ? explained : e.getCause().getMessage()), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic, e);
        }
        known.add(topic);
    }

    @Override
    public void close() {
        admin.close();
    }
}
