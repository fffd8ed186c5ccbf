package io.driftwatch.engine.failover;

import io.driftwatch.engine.naming.PipelineNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.naming.Regions;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flow made to stall: the target cluster refuses MirrorMaker 2's writes to one copy (its
 * largest accepted message is made one byte), so the flow's task fails while its source keeps
 * growing. The stack's supervisor reports the flow stalled within 10 s, with MirrorMaker 2's own
 * error, and restarts MirrorMaker 2; once the target accepts writes again the copy catches up.
 */
@ExtendWith(LocalStackExtension.class)
class MirrorStallIT {
    private static final String SOURCE = Regions.SECONDARY;
    private static final String TARGET = Regions.PRIMARY;
    private static final String TOPIC = "mstall.data";

    @Test
    void aFlowWhoseTargetRefusesWritesIsReportedStalledWithinTenSecondsAndRestarted(LocalStack stack) throws Exception {
        StackEndpoints e = stack.endpoints();
        String copy = PipelineNames.remoteTopic(SOURCE, TOPIC);
        try (Admin source = admin(e, SOURCE); Admin target = admin(e, TARGET)) {
            source.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            Thread load = new Thread(() -> produce(e, producing, sent), "mirror-stall-load");
            load.start();
            ConfigResource copyConfig = new ConfigResource(ConfigResource.Type.TOPIC, copy);
            try {
                awaitCopyEnd(target, copy, 20, Duration.ofMinutes(2));
                int restartsBefore = stack.mirrorFlows().orElseThrow().restarts().size();
                target.incrementalAlterConfigs(Map.of(copyConfig, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1"),
                        AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
                Instant refused = Instant.now();

                MirrorFlow stalled = await(() -> flow(stack).filter(MirrorFlow::stalled), Duration.ofSeconds(30), "a stalled flow");
                Duration reportedAfter = Duration.between(refused, Instant.now());
                System.out.printf("flow %s reported stalled %.1f s after its target refused writes: %s%n", stalled.direction(),
                        reportedAfter.toMillis() / 1000.0, stalled.describe());
                assertThat(reportedAfter).as("reported within 10 s").isLessThanOrEqualTo(Duration.ofSeconds(10));
                // MirrorMaker 2 fails the task on its next loop after the refused write and then publishes that.
                MirrorFlow explained = await(() -> flow(stack).filter(f -> f.stalled() && f.mirrorSays().contains("FAILED")),
                        Duration.ofSeconds(30), "MirrorMaker 2's own error in the report");
                assertThat(explained.mirrorSays()).as("MirrorMaker 2's own words")
                        .contains("task MirrorSourceConnector-0 FAILED: org.apache.kafka.connect.errors.ConnectException").contains("RecordTooLargeException");
                System.out.println("then: " + explained.describe());

                target.incrementalAlterConfigs(Map.of(copyConfig, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", ""),
                        AlterConfigOp.OpType.DELETE)))).all().get(10, TimeUnit.SECONDS);
                MirrorSupervisor.Restart restart = await(() -> {
                    List<MirrorSupervisor.Restart> all = stack.mirrorFlows().orElseThrow().restarts();
                    return all.size() > restartsBefore ? Optional.of(all.get(all.size() - 1)) : Optional.empty();
                }, Duration.ofMinutes(2), "a restart of MirrorMaker 2");
                assertThat(restart.stalled()).contains(SOURCE + " → " + TARGET + " stalled since");

                producing.set(false);
                load.join();
                long end = ends(source, TOPIC);
                awaitCopyEnd(target, copy, end, Duration.ofMinutes(2));
                MirrorFlow resumed = await(() -> flow(stack).filter(f -> !f.stalled()), Duration.ofMinutes(1), "the flow no longer stalled");
                System.out.printf("after the restart (%.1f s) the copy reached the source's end (%d records): %s%n",
                        restart.tookMillis() / 1000.0, end, resumed.describe());
            } finally {
                producing.set(false);
                load.join();
                target.incrementalAlterConfigs(Map.of(copyConfig, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", ""),
                        AlterConfigOp.OpType.DELETE)))).all().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Optional<MirrorFlow> flow(LocalStack stack) {
        return stack.mirrorFlows().orElseThrow().flows().stream().filter(f -> f.from().equals(SOURCE) && f.to().equals(TARGET)).findFirst();
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> what, Duration timeout, String name) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = what.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + name + " within " + timeout);
    }

    private static void produce(StackEndpoints e, AtomicBoolean producing, AtomicLong sent) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, e.region(SOURCE).kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            while (producing.get()) {
                long n = sent.getAndIncrement();
                producer.send(new ProducerRecord<>(TOPIC, "k" + n % 50, "v" + n));
                Thread.sleep(20);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the copy holds at least {@code atLeast} records (a restarted copy may hold some twice). */
    private static void awaitCopyEnd(Admin target, String copy, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = ends(target, copy);
                if (last >= atLeast) {
                    return;
                }
            } catch (Exception notYet) {
                // the copy appears after MirrorMaker 2's next topic refresh
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the copy " + copy + " held " + last + " records, not " + atLeast + ", after " + timeout);
    }

    private static long ends(Admin admin, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(3, TimeUnit.SECONDS).get(tp).offset();
    }

    private static Admin admin(StackEndpoints e, String region) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, e.region(region).kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    }
}
