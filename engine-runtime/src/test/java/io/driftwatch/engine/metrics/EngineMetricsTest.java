package io.driftwatch.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.service.PipelineReport;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {
    @Test
    void lagInSecondsDeadLettersAndMirrorMakersLagPerDirectionAreExposedFromTheLatestReading() throws Exception {
        EngineMetrics metrics = new EngineMetrics();
        metrics.update(new PipelineReport("globalmart", 0, List.of(), List.of(),
                List.of(new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 0, 100, 90, 10, 4_500),
                        new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 1, 100, 99, 1)),
                List.of(), null, null, List.of(), List.of(), Map.of("us-east-1", 3L, "eu-west-1", 0L),
                List.of(new PipelineReport.Mirror("us-east-1", "eu-west-1", "copying", 120, 1_500),
                        new PipelineReport.Mirror("eu-west-1", "us-east-1", "caught_up", 0, 0))));

        String page = exposition(metrics);

        assertThat(page).contains("driftwatch_consumer_lag_seconds{partition=\"0\",region=\"us-east-1\",topic=\"globalmart.public.orders\"} 4.5")
                .as("an age not known is left out").doesNotContain("driftwatch_consumer_lag_seconds{partition=\"1\"")
                .contains("# TYPE driftwatch_dead_letters_total counter")
                .contains("driftwatch_dead_letters_total{region=\"us-east-1\"} 3.0")
                .contains("driftwatch_dead_letters_total{region=\"eu-west-1\"} 0.0")
                .contains("driftwatch_mirror_lag_records{source=\"us-east-1\",target=\"eu-west-1\"} 120.0")
                .contains("driftwatch_mirror_lag_seconds{source=\"us-east-1\",target=\"eu-west-1\"} 1.5")
                .contains("driftwatch_mirror_lag_seconds{source=\"eu-west-1\",target=\"us-east-1\"} 0.0");
    }

    private static String exposition(EngineMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape(), EscapingScheme.DEFAULT);
        return out.toString(StandardCharsets.UTF_8);
    }
}
