package io.driftwatch.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ConsoleGrantsTest {
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    @Test
    void theConsoleWritesOnlyTheCommandTopic() {
        List<AclBinding> acls = ConsoleGrants.kafka("dw_console", "shop", "us-east-1", REGIONS);
        assertThat(acls).filteredOn(a -> a.entry().operation() == AclOperation.WRITE).singleElement().satisfies(a -> {
            assertThat(a.pattern().name()).isEqualTo("driftwatch.shop.commands");
            assertThat(a.pattern().patternType()).isEqualTo(PatternType.LITERAL);
        });
        assertThat(acls).extracting(a -> a.entry().operation()).doesNotContain(AclOperation.ALL, AclOperation.CREATE, AclOperation.DELETE,
                AclOperation.ALTER, AclOperation.ALTER_CONFIGS, AclOperation.CLUSTER_ACTION, AclOperation.IDEMPOTENT_WRITE);
        assertThat(acls).allSatisfy(a -> assertThat(a.entry().principal()).isEqualTo("User:dw_console"));
    }

    @Test
    void itReadsThePipelinesTopicsTheCopiesOfTheOtherRegionsTheDeadLettersAndTheStatus() {
        List<AclBinding> reads = ConsoleGrants.kafka("dw_console", "shop", "us-east-1", REGIONS).stream()
                .filter(a -> a.entry().operation() == AclOperation.READ).toList();
        assertThat(reads).extracting(a -> a.pattern().name() + "/" + a.pattern().patternType()).containsExactlyInAnyOrder(
                "shop./PREFIXED", "eu-west-1.shop./PREFIXED", "driftwatch.shop.dead-letters/LITERAL", "driftwatch.shop.status/LITERAL");
        assertThat(ConsoleGrants.kafka("dw_console", "shop", "eu-west-1", REGIONS)).extracting(a -> a.pattern().name())
                .contains("us-east-1.shop.").doesNotContain("eu-west-1.shop.");
    }

    @Test
    void itDescribesOnlyTheJobsConsumerGroup() {
        assertThat(ConsoleGrants.kafka("dw_console", "shop", "us-east-1", REGIONS)).filteredOn(a -> a.pattern().resourceType() == ResourceType.GROUP)
                .singleElement().satisfies(a -> {
                    assertThat(a.pattern().name()).isEqualTo("driftwatch-process-shop");
                    assertThat(a.entry().operation()).isEqualTo(AclOperation.DESCRIBE);
                });
    }

    @Test
    void aReadOnlyConsoleHasEverythingButTheWrite() {
        List<AclBinding> all = ConsoleGrants.kafka("dw_console", "shop", "us-east-1", REGIONS);
        List<AclBinding> readOnly = ConsoleGrants.kafkaReadOnly("dw_console", "shop", "us-east-1", REGIONS);
        assertThat(readOnly).hasSize(all.size() - 1).noneMatch(a -> a.entry().operation() == AclOperation.WRITE);
        assertThat(all).containsAll(readOnly);
    }

    @Test
    void theAclsReadAsCommandsAnOperatorRuns() {
        assertThat(ConsoleGrants.kafkaAclCommands(ConsoleGrants.kafka("dw_console", "shop", "us-east-1", REGIONS)))
                .contains("kafka-acls.sh --bootstrap-server BROKER --command-config ADMIN.properties --add --allow-principal User:dw_console "
                        + "--operation WRITE --topic 'driftwatch.shop.commands'")
                .contains("kafka-acls.sh --bootstrap-server BROKER --command-config ADMIN.properties --add --allow-principal User:dw_console "
                        + "--operation READ --topic 'shop.' --resource-pattern-type prefixed");
        assertThat(ConsoleGrants.postgres("dw_monitor", "globalmart")).containsExactly("GRANT pg_monitor TO dw_monitor",
                "GRANT CONNECT ON DATABASE globalmart TO dw_monitor");
    }
}
