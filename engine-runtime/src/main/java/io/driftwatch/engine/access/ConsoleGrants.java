package io.driftwatch.engine.access;

import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.service.CommandTopic;
import io.driftwatch.engine.service.StatusTopic;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What the workstation's own users may do, and nothing more (docs/CONFIG.md, "console"): the
 * console reads the pipeline's topics, MirrorMaker 2's copies of them, the dead letters, the
 * engines' status and the job's committed offsets, and writes only the command topic — the engine carries out every
 * command with its own credentials. In PostgreSQL it reads the statistics and replication views
 * ({@code pg_monitor}); in ClickHouse it only reads.
 */
public final class ConsoleGrants {
    private ConsoleGrants() {}

    /**
     * The ACLs of the console's Kafka user in the cluster of {@code region}.
     *
     * @param regions every region of the pipeline: the copies of the others' topics live in this cluster as {@code <other>.<prefix>.…}
     */
    public static List<AclBinding> kafka(String user, String topicPrefix, String region, List<String> regions) {
        String principal = "User:" + user;
        List<AclBinding> acls = new ArrayList<>();
        List<String> readPrefixes = new ArrayList<>(List.of(topicPrefix + "."));
        regions.stream().filter(r -> !r.equals(region)).forEach(other -> readPrefixes.add(other + "." + topicPrefix + "."));
        for (String prefix : readPrefixes) {
            acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE));
        }
        // The dead letters: counted on the Lag screen and in status, and readable with their reasons.
        acls.add(allow(principal, ResourceType.TOPIC, JobSettings.deadLetterTopic(topicPrefix), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TOPIC, JobSettings.deadLetterTopic(topicPrefix), PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(principal, ResourceType.TOPIC, StatusTopic.name(topicPrefix), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TOPIC, StatusTopic.name(topicPrefix), PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(principal, ResourceType.TOPIC, CommandTopic.name(topicPrefix), PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TOPIC, CommandTopic.name(topicPrefix), PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(principal, ResourceType.GROUP, JobSettings.consumerGroup(topicPrefix), PatternType.LITERAL, AclOperation.DESCRIBE));
        return List.copyOf(acls);
    }

    /** The same ACLs without the command topic: a console that watches and cannot act. */
    public static List<AclBinding> kafkaReadOnly(String user, String topicPrefix, String region, List<String> regions) {
        return kafka(user, topicPrefix, region, regions).stream()
                .filter(a -> !(a.pattern().name().equals(CommandTopic.name(topicPrefix)) && a.entry().operation() == AclOperation.WRITE))
                .toList();
    }

    /** The statements that let an existing login role {@code role} read what the console reads in {@code database}. */
    public static List<String> postgres(String role, String database) {
        return List.of("GRANT pg_monitor TO " + role, "GRANT CONNECT ON DATABASE " + database + " TO " + role);
    }

    /** The ACLs in the form of kafka-acls.sh, for the operator who grants them (and for docs). */
    public static List<String> kafkaAclCommands(List<AclBinding> acls) {
        return acls.stream().map(a -> "kafka-acls.sh --bootstrap-server BROKER --command-config ADMIN.properties --add --allow-principal "
                + a.entry().principal() + " --operation " + a.entry().operation() + " --" + a.pattern().resourceType().name().toLowerCase()
                + " '" + a.pattern().name() + "'" + (a.pattern().patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : ""))
                .toList();
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
