package io.driftwatch.engine.service;

import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Whether this client may give the engine commands: Kafka tells each client which operations it
 * may perform on a topic, so the console learns before any click whether its user may write the
 * command topic. A console that may not watches only, and says why.
 */
public final class CommandAccess {
    private CommandAccess() {}

    /**
     * Why commands cannot be sent, or empty when some region's Kafka lets this client write the
     * command topic (or none answers, or the topic does not exist yet: nothing says no).
     * Blocking: call it off the UI thread.
     */
    public static Optional<String> refusal(StackEndpoints endpoints, String topicPrefix, Duration timeout) {
        String topic = CommandTopic.name(topicPrefix);
        List<String> refused = new ArrayList<>();
        String user = null;
        for (String region : endpoints.regionNames()) {
            StackEndpoints.Kafka kafka = endpoints.region(region).kafka();
            user = kafka.security().sasl() ? kafka.security().username() : null;
            Map<String, Object> p = new HashMap<>(kafka.clientProperties());
            p.put("request.timeout.ms", (int) timeout.toMillis());
            p.put("default.api.timeout.ms", (int) timeout.toMillis());
            try (Admin admin = Admin.create(p)) {
                Set<AclOperation> allowed = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                        .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).authorizedOperations();
                if (allowed == null || allowed.contains(AclOperation.WRITE) || allowed.contains(AclOperation.ALL)) {
                    return Optional.empty();
                }
                refused.add(region);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    refused.add(region);
                } else if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    return Optional.empty();
                }
            } catch (TimeoutException | RuntimeException unreachable) {
                // another region may answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((user == null ? "This console's Kafka client" : "The console's Kafka user '" + user + "'") + " may not write "
                + topic + " (" + String.join(", ", refused) + "), so it watches only: failover, fail-back, re-snapshots and resolutions "
                + "are disabled. docs/CONFIG.md (\"console\") lists the ACL that lets it act.");
    }
}
