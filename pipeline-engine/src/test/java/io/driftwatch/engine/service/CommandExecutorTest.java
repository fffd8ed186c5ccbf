package io.driftwatch.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(9_000));

    @Test
    void aResnapshotOfARegionTheEngineDoesNotCaptureIsRefusedNamingTheOnesItDoes() {
        PipelineConfig.CaptureConfig capture = new PipelineConfig.CaptureConfig("globalmart", null, null, null, null, null, null);
        CaptureSettings east = new CaptureSettings("us-east-1", "127.0.0.1", 5432, "db", "u", "p", "127.0.0.1:9092", "http://r", capture);
        CommandExecutor executor = new CommandExecutor("etl-1/7", null, CLOCK, List.of(east));

        Command.Ack ack = executor.apply(new Command.Resnapshot("c1", "dave", 1, "eu-west-1", "slot lost"));

        assertThat(ack).isEqualTo(new Command.Ack("c1", "etl-1/7", false, "this engine does not capture eu-west-1 (it captures us-east-1)", 9_000));
        assertThat(new CommandExecutor("etl-2/8", null, CLOCK).apply(new Command.Resnapshot("c2", "dave", 1, "us-east-1", "")).message())
                .isEqualTo("this engine does not capture us-east-1 (it captures no region)");
    }
}
