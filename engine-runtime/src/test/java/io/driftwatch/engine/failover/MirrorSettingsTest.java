package io.driftwatch.engine.failover;

import io.driftwatch.engine.naming.PipelineNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MirrorSettingsTest {

    private static Properties of(Map<String, String> bootstrap) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(MirrorSettings.dedicatedProperties(bootstrap)));
        return p;
    }

    @Test
    void everyRegionReplicatesToEveryOtherWithCheckpointsEverySecond() throws Exception {
        Properties p = of(Map.of("us-east-1", "127.0.0.1:1", "eu-west-1", "127.0.0.1:2"));
        assertThat(p.getProperty("clusters")).isEqualTo("eu-west-1, us-east-1");
        assertThat(p.getProperty("us-east-1->eu-west-1.enabled")).isEqualTo("true");
        assertThat(p.getProperty("eu-west-1->us-east-1.enabled")).isEqualTo("true");
        assertThat(p.getProperty("us-east-1.bootstrap.servers")).isEqualTo("127.0.0.1:1");
        assertThat(p.getProperty("emit.checkpoints.interval.seconds")).isEqualTo("1");
        assertThat(p.getProperty("groups")).isEqualTo(PipelineNames.PROCESS_GROUPS);
        assertThat("driftwatch-process-globalmart").matches(PipelineNames.PROCESS_GROUPS);
        assertThat(p.getProperty("sync.group.offsets.enabled")).isEqualTo("false");
    }

    @Test
    void captureTopicsAndResolutionsAreMirroredButTheEnginesOtherTopicsAndInternalsAreNot() throws Exception {
        String[] excluded = of(Map.of("us-east-1", "a", "eu-west-1", "b")).getProperty("topics.exclude").split(",\\s*");
        java.util.function.Predicate<String> mirrored = topic -> Arrays.stream(excluded).noneMatch(x -> Pattern.matches(x, topic));
        assertThat(mirrored).accepts("globalmart.public.orders", "globalmart.transaction", "globalmart.outbox.order", "heartbeats",
                "driftwatch.globalmart.resolutions");
        assertThat(mirrored).rejects("driftwatch.globalmart.capture-offsets.us-east-1", "driftwatch.globalmart.dead-letters",
                "driftwatch.globalmart.conflicts", "__consumer_offsets", "mm2-offset-syncs.eu-west-1.internal",
                "us-east-1.checkpoints.internal");
    }

    /**
     * Read through MirrorMaker 2's own configuration class, as its dedicated mode builds each
     * flow's Connect worker: a worker setting written without a cluster prefix never arrives.
     */
    @Test
    void everyFlowsWorkerReassignsItsTasksAtOnceAfterItsTargetReturns() throws Exception {
        Properties p = of(Map.of("us-east-1", "127.0.0.1:1", "eu-west-1", "127.0.0.1:2"));
        Map<String, String> raw = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k)));
        org.apache.kafka.connect.mirror.MirrorMakerConfig config = new org.apache.kafka.connect.mirror.MirrorMakerConfig(raw);
        for (String[] flow : new String[][] {{"eu-west-1", "us-east-1"}, {"us-east-1", "eu-west-1"}}) {
            Map<String, String> worker = config.workerConfig(new org.apache.kafka.connect.mirror.SourceAndTarget(flow[0], flow[1]));
            assertThat(worker).as("worker of %s->%s", flow[0], flow[1])
                    .containsEntry("scheduled.rebalance.max.delay.ms", "0")
                    .containsEntry("bootstrap.servers", p.getProperty(flow[1] + ".bootstrap.servers"))
                    .containsEntry("producer.delivery.timeout.ms", "2147483647");
        }
    }

    /**
     * Each flow's worker finds its plugins from their ServiceLoader manifests (no class-path scan),
     * and that way still finds MirrorMaker 2's three connectors and the converter it is given.
     */
    @Test
    void everyFlowsWorkerFindsItsConnectorsWithoutScanningTheClassPath() throws Exception {
        Properties p = of(Map.of("us-east-1", "127.0.0.1:1", "eu-west-1", "127.0.0.1:2"));
        Map<String, String> raw = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k)));
        Map<String, String> worker = new org.apache.kafka.connect.mirror.MirrorMakerConfig(raw)
                .workerConfig(new org.apache.kafka.connect.mirror.SourceAndTarget("eu-west-1", "us-east-1"));
        assertThat(worker).containsEntry("plugin.discovery", "service_load");
        org.apache.kafka.connect.runtime.isolation.Plugins plugins = new org.apache.kafka.connect.runtime.isolation.Plugins(worker);
        for (String connector : List.of("MirrorSourceConnector", "MirrorCheckpointConnector", "MirrorHeartbeatConnector")) {
            assertThat(plugins.connectorClass("org.apache.kafka.connect.mirror." + connector)).as(connector).isNotNull();
        }
    }

    @Test
    void namesFollowMirrorMakersDefaultReplicationPolicy() {
        assertThat(PipelineNames.remoteTopic("us-east-1", "globalmart.transaction")).isEqualTo("us-east-1.globalmart.transaction");
        assertThat(MirrorSettings.checkpointsTopic("us-east-1")).isEqualTo("us-east-1.checkpoints.internal");
        assertThat(MirrorSettings.offsetSyncsTopic("eu-west-1")).isEqualTo("mm2-offset-syncs.eu-west-1.internal");
    }
}
