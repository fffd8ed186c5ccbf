package io.driftwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineViewModelTest {

    @Test
    void listsEachServerWithItsRegionAndSize() {
        PipelineViewModel model = new PipelineViewModel();
        model.update(List.of(
                new ServerStatus("postgres-us-east-1", 10, 5432, true, true, 3 * 1024 * 1024),
                new ServerStatus("registry", 11, 8081, true, true, 100)));
        assertThat(model.servers()).containsExactly(
                new ServerRow("postgres-us-east-1", "us-east-1", 10, 5432, true, "3.0 MiB"),
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
}
