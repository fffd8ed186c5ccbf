package io.driftwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ConfiguredEndpoints;
import io.driftwatch.engine.api.ServerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineViewModelTest {

    @Test
    void listsEachServerWithItsRegionAndSize() {
        PipelineViewModel model = new PipelineViewModel();
        model.update(List.of(
                new ServerStatus("postgres-us-east-1", 10, 5432, true, true, 3 * 1024 * 1024),
                new ServerStatus("registry", 11, 8081, true, true, 100)));
        assertThat(model.servers()).containsExactly(
                new ServerRow("postgres-us-east-1", "us-east-1", 10, 5432, true, "3 MiB"),
                new ServerRow("registry", "shared", 11, 8081, true, "100 B"));
        assertThat(model.summaryProperty().get()).isEqualTo("All 2 servers of the local stack answer.");
    }

    @Test
    void namesTheServersThatDoNotAnswer() {
        PipelineViewModel model = new PipelineViewModel();
        model.update(List.of(
                new ServerStatus("kafka-eu-west-1", 10, 9092, true, false, 0),
                new ServerStatus("clickhouse", 11, 8123, false, false, 0),
                new ServerStatus("s3", 12, 9000, true, true, 0)));
        assertThat(model.summaryProperty().get()).isEqualTo("1 of 3 servers answer; down: kafka-eu-west-1, clickhouse.");
        assertThat(model.servers()).extracting(ServerRow::up).containsExactly(false, false, true);
    }

    @Test
    void reportsStartUpProgressAndFailure() {
        PipelineViewModel model = new PipelineViewModel();
        model.progress("starting kafka-us-east-1");
        assertThat(model.summaryProperty().get()).contains("starting kafka-us-east-1");
        model.failed("ClickHouse server not found");
        assertThat(model.summaryProperty().get()).isEqualTo("The local stack failed: ClickHouse server not found");
    }

    @Test
    void attachModeNamesWhereEachSilentEndpointWasLookedFor(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, """
                regions:
                  - name: us-east-1
                    postgres: {host: db.internal, database: shop, user: dw, passwordEnv: PG_PASSWORD}
                    kafka: {bootstrapServers: "k1:9092,k2:9092"}
                registry: {url: "http://registry:8081/apis/ccompat/v7"}
                """);
        ConfiguredEndpoints endpoints = ConfiguredEndpoints.read(file);
        PipelineViewModel model = new PipelineViewModel();

        model.attaching(endpoints);
        assertThat(model.summaryProperty().get()).isEqualTo("Attaching to the 3 endpoints named in " + file + " …");

        model.attached(endpoints, List.of(
                new ServerStatus("postgres-us-east-1", -1, 5432, true, true, -1),
                new ServerStatus("kafka-us-east-1", -1, 9092, false, false, -1),
                new ServerStatus("registry", -1, 8081, true, true, -1)));
        assertThat(model.summaryProperty().get()).isEqualTo("Attached to " + file + ": 2 of 3 endpoints accept connections; "
                + "not answering: kafka-us-east-1 (k1:9092,k2:9092). Nothing is started or changed in attach mode.");
        assertThat(model.servers()).containsExactly(
                new ServerRow("postgres-us-east-1", "us-east-1", -1, 5432, true, "?"),
                new ServerRow("kafka-us-east-1", "us-east-1", -1, 9092, false, "?"),
                new ServerRow("registry", "shared", -1, 8081, true, "?"));
    }

    @org.junit.jupiter.api.Test
    void theProcessingLineSaysWhatFlinkReportsAndHowLongTransactionsTakeToBecomeVisible() {
        PipelineViewModel model = new PipelineViewModel();
        assertThat(model.processingProperty().get()).contains("not running yet");
        io.driftwatch.engine.api.FlinkJobs.Job job = new io.driftwatch.engine.api.FlinkJobs.Job("j1", "driftwatch globalmart", "RUNNING",
                java.time.Instant.EPOCH, new io.driftwatch.engine.api.FlinkJobs.Checkpoints(12, 1, 0, 12, 340, 5 * 1024 * 1024,
                java.time.Instant.EPOCH), java.util.List.of(
                new io.driftwatch.engine.api.FlinkJobs.Vertex("v1", "assemble and write", 1, "RUNNING", "high", 100, 100),
                new io.driftwatch.engine.api.FlinkJobs.Vertex("v2", "publish visibility", 1, "RUNNING", "ok", 5, 5)));
        model.processing(job, null, new io.driftwatch.engine.api.LatencySummary(120, 150, 420),
                java.time.Instant.EPOCH);
        assertThat(model.processingProperty().get()).contains("Job 'driftwatch globalmart' running").contains("12 checkpoints completed, 1 failed")
                .contains("340 ms").contains("5 MiB").contains("backpressure: assemble and write (high)")
                .contains("commit→visible p50 150 ms, p99 420 ms over 120 transactions");
        model.processing(null, "connection refused", null, java.time.Instant.EPOCH.plusSeconds(2));
        assertThat(model.processingProperty().get()).isEqualTo("Flink's REST API does not answer: connection refused");
    }
}
