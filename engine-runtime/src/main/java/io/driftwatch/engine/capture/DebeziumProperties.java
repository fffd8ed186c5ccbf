package io.driftwatch.engine.capture;

import java.util.Properties;

/**
 * The Debezium embedded engine's settings for one region: PostgreSQL's pgoutput plugin, a
 * publication of all tables, offsets kept in Kafka, transaction metadata, heartbeats, and the
 * outbox event router when an outbox table is configured.
 */
public final class DebeziumProperties {
    public static final String HEARTBEAT_TABLE = "driftwatch_heartbeat";

    private DebeziumProperties() {}

    public static Properties of(CaptureSettings s) {
        Properties p = new Properties();
        p.setProperty("name", "driftwatch-capture-" + s.region());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", s.capture().topicPrefix());
        // Both regions share the topic prefix; without a region tag their JMX metrics collide and
        // the second engine stalls retrying to register them.
        p.setProperty("custom.metric.tags", "region=" + s.region());

        // Offsets live in a compacted Kafka topic, so a restarted capture resumes where it stopped
        // on any machine. (PostgreSQL's connector keeps no schema history: every pgoutput relation
        // message carries the table's current shape.)
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", s.offsetsTopic());
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("offset.flush.timeout.ms", "10000");
        p.setProperty("bootstrap.servers", s.bootstrapServers());
        // The offset store's producer, consumer and admin client take the worker's top-level settings.
        s.kafkaSecurity().clientProperties().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));

        p.setProperty("database.hostname", s.pgHost());
        p.setProperty("database.port", Integer.toString(s.pgPort()));
        p.setProperty("database.user", s.user());
        p.setProperty("database.password", s.password());
        p.setProperty("database.dbname", s.database());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", s.slotName());
        p.setProperty("publication.name", s.publicationName());
        p.setProperty("publication.autocreate.mode", "all_tables");
        p.setProperty("schema.include.list", String.join(",", s.capture().schemas()));
        p.setProperty("snapshot.mode", s.capture().snapshotMode());

        p.setProperty("provide.transaction.metadata", "true");
        p.setProperty("tombstones.on.delete", "true");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("include.unknown.datatypes", "false");

        // Latency: the default 500 ms poll interval would dominate commit-to-Kafka time. A change
        // waits up to one interval for its batch to fill, but Debezium's queue spins through the
        // last millisecond of every interval (it waits in whole milliseconds): at 10 ms that was
        // 0.08 of a core per region with nothing to capture (bench profile), at 25 ms it is 0.03.
        p.setProperty("poll.interval.ms", Long.toString(s.capture().pollIntervalMs()));
        p.setProperty("max.batch.size", "8192");
        p.setProperty("max.queue.size", "32768");

        // While captured tables are idle, other WAL still accumulates; a heartbeat that writes to a
        // small table of our own lets the slot's confirmed position advance.
        p.setProperty("heartbeat.interval.ms", Long.toString(s.capture().heartbeatIntervalMs()));
        p.setProperty("heartbeat.action.query", "INSERT INTO public." + HEARTBEAT_TABLE
                + " (id, beat) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat = EXCLUDED.beat");
        p.setProperty("table.exclude.list", "public." + HEARTBEAT_TABLE);

        p.setProperty("errors.max.retries", "-1");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "10000");

        if (s.capture().outboxTable() != null) {
            String outboxTopic = s.capture().topicPrefix() + "." + s.capture().outboxTable();
            p.setProperty("transforms", "outbox");
            p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
            p.setProperty("transforms.outbox.predicate", "isOutbox");
            p.setProperty("transforms.outbox.route.topic.replacement", s.capture().topicPrefix() + ".outbox.${routedByValue}");
            p.setProperty("transforms.outbox.table.expand.json.payload", "false");
            p.setProperty("transforms.outbox.table.fields.additional.placement", "type:header:eventType");
            p.setProperty("predicates", "isOutbox");
            p.setProperty("predicates.isOutbox.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
            p.setProperty("predicates.isOutbox.pattern", java.util.regex.Pattern.quote(outboxTopic));
        }
        return p;
    }
}
