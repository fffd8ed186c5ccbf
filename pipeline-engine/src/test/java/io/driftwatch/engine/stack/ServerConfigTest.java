package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.naming.Regions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void singleNodeKafkaUsesReplicationFactorOneForEveryInternalTopicAndNeverAutoCreates() {
        StackBinaries bin = new StackBinaries(Path.of("java"), "cp", Path.of("/pg"), Path.of("/ch"), Path.of("/r.jar"));
        String props = new KafkaServer("us-east-1", Path.of("/s/kafka"), 9092, 9093, bin, new Probes()).serverProperties();
        assertThat(props).contains("offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "share.coordinator.state.topic.replication.factor=1", "auto.create.topics.enable=false",
                "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    }

    @Test
    void aSecuredBrokerAuthorizesByAclWithTheStacksOwnToolsAndTheEngineAsSuperUsers() {
        StackBinaries bin = new StackBinaries(Path.of("java"), "cp", Path.of("/pg"), Path.of("/ch"), Path.of("/r.jar"));
        KafkaServer.SecureListeners secure = new KafkaServer.SecureListeners(9094, 9095, 9096, Path.of("/s/tls/broker.p12"), "k3y",
                java.util.List.of("driftwatch"), java.util.Map.of("driftwatch", "a", "dw_console", "b"));
        String props = new KafkaServer("us-east-1", Path.of("/s/kafka"), 9092, 9093, bin, new Probes(), secure).serverProperties();
        assertThat(props).contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:ANONYMOUS;User:driftwatch", "SASL_SSL://127.0.0.1:9095");
        assertThat(props).as("SCRAM passwords go through the admin API, never the properties").doesNotContain("dw_console");
        assertThat(secure.toString()).doesNotContain("k3y");
        String open = new KafkaServer("us-east-1", Path.of("/s/kafka"), 9092, 9093, bin, new Probes(),
                new KafkaServer.SecureListeners(9094, 9095, 9096, Path.of("/s/tls/broker.p12"), "k3y")).serverProperties();
        assertThat(open).as("authentication without authorization").doesNotContain("authorizer.class.name");
    }

    @Test
    void clickhouseStoresOnlyTheHashOfItsPassword() {
        assertThat(ClickHouseServer.sha256Hex("password"))
                .isEqualTo("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
    }

    @Test
    void aStackHasOneOrTwoRegionsPrimaryFirst() {
        assertThat(Regions.first(2)).containsExactly("us-east-1", "eu-west-1");
        assertThatThrownBy(() -> Regions.first(3)).hasMessageContaining("1 or 2");
    }

    @Test
    void aMissingBinaryNamesItselfAndTheFix() {
        StackBinaries bin = new StackBinaries(Path.of("java"), "cp", Path.of("/nowhere/pg"), Path.of("/nowhere/ch"), Path.of("/nowhere/r.jar"));
        assertThatThrownBy(bin::requireInstalled).isInstanceOf(StackException.class)
                .hasMessageContaining("PostgreSQL server").hasMessageContaining("/nowhere/pg/postgres").hasMessageContaining("Fix:");
    }
}
