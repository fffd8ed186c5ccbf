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

    @Test
    void aMoveWithoutARegionGoesToTheOtherOneAndItsAnswerNamesTheMove() {
        Regions regions = new Regions("us-east-1", List.of("us-east-1", "eu-west-1"));
        CommandExecutor executor = new CommandExecutor("etl-1/7", null, CLOCK, List.of(), regions);

        Command.Ack moved = executor.apply(new Command.MoveProcessing("c1", "carol", 1, false, null, "us-east-1 is slow"));

        assertThat(moved.done()).isTrue();
        assertThat(regions.activeRegion()).isEqualTo("eu-west-1");
        assertThat(moved.message()).contains("failover from us-east-1 to eu-west-1 asked by carol").contains("(move move-1)");
        assertThat(executor.apply(new Command.MoveProcessing("c2", "carol", 1, false, "eu-west-1", "")).message())
                .isEqualTo("processing already runs in eu-west-1");
        Command.Ack back = executor.apply(new Command.MoveProcessing("c3", "carol", 1, true, null, "us-east-1 is back"));
        assertThat(back.done()).isTrue();
        assertThat(regions.activeRegion()).isEqualTo("us-east-1");
    }

    @Test
    void aMoveTheControllerRefusesOrThatHasNoControllerIsAcknowledgedAsRefusedWithTheReason() {
        Regions regions = new Regions("eu-west-1", List.of("us-east-1", "eu-west-1"));
        regions.primaryDown = true;
        Command.Ack refused = new CommandExecutor("etl-1/7", null, CLOCK, List.of(), regions)
                .apply(new Command.MoveProcessing("c1", "carol", 1, true, null, ""));
        assertThat(refused).isEqualTo(new Command.Ack("c1", "etl-1/7", false, "the primary's Kafka does not answer", 9_000));
        assertThat(regions.activeRegion()).isEqualTo("eu-west-1");

        Command.Ack none = new CommandExecutor("etl-1/7", null, CLOCK).apply(new Command.MoveProcessing("c2", "carol", 1, false, null, ""));
        assertThat(none.done()).isFalse();
        assertThat(none.message()).contains("runs no failover controller");

        Regions three = new Regions("us-east-1", List.of("us-east-1", "eu-west-1", "ap-south-1"));
        assertThat(new CommandExecutor("etl-1/7", null, CLOCK, List.of(), three)
                .apply(new Command.MoveProcessing("c3", "carol", 1, false, null, "")).message())
                .isEqualTo("processing runs in us-east-1 and could move to any of [eu-west-1, ap-south-1]: name the region");
    }

    /** A controller that moves at once, as the real one does once the views advance in the new region. */
    private static final class Regions implements io.driftwatch.engine.api.RegionControl {
        private final List<String> all;
        private String active;
        private int moves;
        boolean primaryDown;

        Regions(String active, List<String> all) {
            this.active = active;
            this.all = all;
        }

        @Override
        public List<String> regions() {
            return all;
        }

        @Override
        public String primaryRegion() {
            return all.get(0);
        }

        @Override
        public String activeRegion() {
            return active;
        }

        @Override
        public io.driftwatch.engine.api.FailoverFigures failover(String region) {
            return move(region, "failover");
        }

        @Override
        public io.driftwatch.engine.api.FailoverFigures failback() {
            if (primaryDown) {
                throw new IllegalStateException("the primary's Kafka does not answer");
            }
            return move(primaryRegion(), "failback");
        }

        private io.driftwatch.engine.api.FailoverFigures move(String to, String kind) {
            String from = active;
            active = to;
            return new io.driftwatch.engine.api.FailoverFigures("move-" + ++moves, kind, from, to, "command", 1, 0, 800, null, null, -1, 0,
                    java.util.Map.of(), null, null);
        }

        @Override
        public List<io.driftwatch.engine.api.FailoverFigures> figures() {
            return List.of();
        }
    }
}
