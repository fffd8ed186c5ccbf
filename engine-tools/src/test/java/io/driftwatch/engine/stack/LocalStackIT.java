package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackEndpoints;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Every server of the local stack answers its own protocol, in both regions. */
@ExtendWith(LocalStackExtension.class)
class LocalStackIT {
    private final StackClients clients = new StackClients();

    @Test
    void everyServerIsUpAndBoundToLoopback(LocalStack stack, StackEndpoints endpoints) {
        List<ServerStatus> status = stack.status();
        assertThat(status).extracting(ServerStatus::name).containsExactlyInAnyOrder(
                "postgres-us-east-1", "kafka-us-east-1", "postgres-eu-west-1", "kafka-eu-west-1",
                "registry", "clickhouse", "s3", "mirror");
        // "mirror" (MirrorMaker 2) serves no clients; it is up once each region's heartbeats reached the other.
        assertThat(status).allSatisfy(s -> assertThat(s.up()).as(s.name() + " up").isTrue());
        for (String region : endpoints.regionNames()) {
            assertThat(endpoints.region(region).postgres().host()).isEqualTo("127.0.0.1");
            assertThat(endpoints.region(region).kafka().bootstrapServers()).startsWith("127.0.0.1:");
        }
        assertThat(endpoints.registry().url()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(endpoints.clickhouse().url()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.s3().endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void postgresRunsLogicalReplicationInEachRegion(StackEndpoints endpoints) throws Exception {
        for (String region : endpoints.regionNames()) {
            try (Connection c = clients.postgres(endpoints.region(region).postgres()); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW wal_level")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("logical");
                }
                try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("globalmart");
                }
                s.execute("CREATE TABLE IF NOT EXISTS stack_probe (id int PRIMARY KEY, region text)");
                s.execute("INSERT INTO stack_probe VALUES (1, '" + region + "') ON CONFLICT (id) DO UPDATE SET region = EXCLUDED.region");
                try (ResultSet rs = s.executeQuery("SELECT region FROM stack_probe WHERE id = 1")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(region);
                }
            }
        }
    }

    @Test
    void kafkaProducesAndConsumesOnACompactedTopicInEachRegion(StackEndpoints endpoints) throws Exception {
        for (String region : endpoints.regionNames()) {
            String bootstrap = endpoints.region(region).kafka().bootstrapServers();
            String topic = "stack-probe-" + UUID.randomUUID();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            }
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + (i % 3), "value-" + i)).get();
                }
            }
            Properties consumerProps = new Properties();
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-probe");
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 10 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                }
            }
            assertThat(values).as("records read back in " + region).hasSize(10).startsWith("value-0").endsWith("value-9");
        }
    }

    @Test
    void registryRegistersSchemasAndChecksCompatibility(StackEndpoints endpoints) throws Exception {
        String subject = "stack-probe-" + UUID.randomUUID() + "-value";
        String v1 = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}";
        String body = clients.registryPost(endpoints.registry(), "/subjects/" + subject + "/versions", StackClients.schemaRequest(v1));
        assertThat(body).contains("\"id\"");
        clients.registryPut(endpoints.registry(), "/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");

        String compatible = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"},"
                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
        String incompatible = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        assertThat(clients.registryPost(endpoints.registry(), "/compatibility/subjects/" + subject + "/versions/latest",
                StackClients.schemaRequest(compatible))).contains("\"is_compatible\":true");
        assertThat(clients.registryPost(endpoints.registry(), "/compatibility/subjects/" + subject + "/versions/latest",
                StackClients.schemaRequest(incompatible))).contains("\"is_compatible\":false");
        assertThat(clients.registryGet(endpoints.registry(), "/config/" + subject)).contains("BACKWARD");
        assertThat(clients.registryGet(endpoints.registry(), "/subjects")).contains(subject);
    }

    @Test
    void clickhouseAnswersQueriesWithItsGeneratedPassword(StackEndpoints endpoints) throws Exception {
        assertThat(clients.clickhouse(endpoints.clickhouse(), "SELECT version()").trim()).startsWith("18.16");
        clients.clickhouse(endpoints.clickhouse(), "CREATE TABLE IF NOT EXISTS default.stack_probe (id UInt32, v String) ENGINE = MergeTree ORDER BY id");
        clients.clickhouse(endpoints.clickhouse(), "INSERT INTO default.stack_probe VALUES (1, 'a'), (2, 'b')");
        assertThat(clients.clickhouse(endpoints.clickhouse(), "SELECT count() FROM default.stack_probe WHERE id IN (1, 2)").trim())
                .isEqualTo("2");
        StackEndpoints.ClickHouse wrong = new StackEndpoints.ClickHouse(endpoints.clickhouse().url(), "default", "wrong");
        assertThat(new Probes().clickhouse(wrong)).as("a wrong password is refused").isFalse();
    }

    @Test
    void objectStorePutsAndGetsInTheCheckpointsBucket(StackEndpoints endpoints) {
        try (S3Client s3 = Probes.s3Client(endpoints.s3())) {
            String key = "probe/" + UUID.randomUUID();
            s3.putObject(b -> b.bucket("checkpoints").key(key), RequestBody.fromString("checkpoint bytes"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("checkpoints").key(key)).asUtf8String()).isEqualTo("checkpoint bytes");
            assertThat(s3.listObjectsV2(b -> b.bucket("checkpoints").prefix("probe/")).contents())
                    .extracting(o -> o.key()).contains(key);
        }
        assertThat(Set.of(endpoints.s3().bucket())).containsExactly("checkpoints");
    }
}
