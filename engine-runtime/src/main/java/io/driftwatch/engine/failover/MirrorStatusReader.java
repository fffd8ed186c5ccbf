package io.driftwatch.engine.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What MirrorMaker 2 itself says about a flow: the state its Connect worker last published for the
 * flow's source connector and tasks (RUNNING, PAUSED, FAILED, UNASSIGNED, with the error trace of a
 * failure), read from the flow's status topic in the target cluster ({@code mm2-status.<source>.internal},
 * compacted, JSON values). Only what is not running is reported. Blocking.
 */
public final class MirrorStatusReader {
    private static final Duration READ_LIMIT = Duration.ofSeconds(3);
    private static final String CONNECTOR = "MirrorSourceConnector";
    private final ObjectMapper json = new ObjectMapper();

    /** The status topic MirrorMaker 2's dedicated mode gives the flow from {@code sourceRegion}, in its target cluster. */
    public static String statusTopic(String sourceRegion) {
        return "mm2-status." + sourceRegion + ".internal";
    }

    /**
     * The flow's connector and tasks that are not running, each as {@code task MirrorSourceConnector-0
     * FAILED: <its error and root cause>}, joined by {@code "; "}; empty when all run or nothing could be read.
     * Read from the target cluster through its client {@code security}.
     */
    public String notRunning(String sourceRegion, String targetBootstrap, io.driftwatch.engine.transport.KafkaSecurity security) {
        try {
            return summary(latest(statusTopic(sourceRegion), targetBootstrap, security));
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** Pure: the summary of the status records' latest values by key. */
    String summary(Map<String, String> latestByKey) {
        List<String> out = new ArrayList<>();
        latestByKey.forEach((key, value) -> {
            String name = key.startsWith("status-task-") ? "task " + key.substring("status-task-".length())
                    : key.startsWith("status-connector-") ? "connector " + key.substring("status-connector-".length()) : null;
            if (name == null || !name.contains(CONNECTOR) || value == null) {
                return;
            }
            try {
                JsonNode node = json.readTree(value);
                String state = node.path("state").asText("");
                if (!state.isEmpty() && !state.equals("RUNNING")) {
                    String trace = node.path("trace").isTextual() ? node.path("trace").asText() : "";
                    out.add(name + " " + state + (trace.isBlank() ? "" : ": " + firstLineAndRootCause(trace)));
                }
            } catch (java.io.IOException notJson) {
                // not a status record this reader knows
            }
        });
        return String.join("; ", out);
    }

    /** A Java stack trace in one line: its message and, when there is one, its innermost cause. */
    static String firstLineAndRootCause(String trace) {
        String first = trace.lines().findFirst().orElse("").trim();
        String root = trace.lines().map(String::trim).filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(null);
        return root == null || root.equals(first) ? first : first + " (caused by " + root + ")";
    }

    private static Map<String, String> latest(String topic, String bootstrap, io.driftwatch.engine.transport.KafkaSecurity security) {
        Map<String, String> latest = new TreeMap<>();
        Map<String, Object> config = new java.util.HashMap<>(security.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_LIMIT.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_LIMIT.toMillis());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_LIMIT);
            if (infos == null || infos.isEmpty()) {
                return latest;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_LIMIT);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        return latest;
    }
}
