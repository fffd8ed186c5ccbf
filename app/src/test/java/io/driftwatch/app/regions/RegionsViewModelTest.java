package io.driftwatch.app.regions;

import static io.driftwatch.app.regions.FakeRegionControl.EAST;
import static io.driftwatch.app.regions.FakeRegionControl.WEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ReplicationLag;
import io.driftwatch.engine.api.ReplicationProbe;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RegionsViewModelTest {
    private final FakeRegionControl control = new FakeRegionControl();
    // Moves wait here until the test runs them, so the running state can be looked at.
    private final Deque<Runnable> background = new ArrayDeque<>();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final RegionsViewModel model = new RegionsViewModel(background::add, Runnable::run, now::get);

    @Test
    void aReadingShowsEachRegionTheActiveOneAndReplicationPerDirectionWorstFirst() {
        model.connect(control);
        model.update(control.snapshot());

        assertThat(model.regions()).containsExactly(new RegionRow(EAST, true, true, true, true), new RegionRow(WEST, false, false, true, true));
        assertThat(model.activeProperty().get()).isEqualTo(EAST);
        assertThat(model.statusProperty().get()).startsWith("Processing in us-east-1 (the primary); every region's servers answer");
        assertThat(model.directions()).containsExactly(
                new ReplicationDirection(EAST, WEST, 2, 21, "globalmart.public.orders[0]", 20, 350),
                new ReplicationDirection(WEST, EAST, 2, 5, "globalmart.public.order_lines[0]", 5, 120));
        assertThat(model.partitions()).extracting(ReplicationLag::lagRecords).containsExactly(20L, 5L, 1L, 0L);
        assertThat(model.mirrorProperty().get()).isEqualTo("MirrorMaker 2 is up, copying 2 directions over 4 partitions.");
        assertThat(model.failoverTargetProperty().get()).isEqualTo(WEST);
        assertThat(model.canFailoverProperty().get()).isTrue();
        assertThat(model.canFailbackProperty().get()).as("already in the primary").isFalse();
    }

    @Test
    void aConsoleWhoseUserMayNotWriteTheCommandTopicWatchesAndSaysWhyItCannotMove() {
        model.connect(control);
        model.update(control.snapshot());
        String why = "The console's Kafka user 'dw_console' may not write driftwatch.globalmart.commands (us-east-1), so it watches only";

        model.commandsRefused(why);

        assertThat(model.canFailoverProperty().get()).isFalse();
        assertThat(model.commandRefusalProperty().get()).isEqualTo(why);
        assertThat(model.refusal(RegionsViewModel.Move.FAILOVER)).contains(why);
        assertThat(model.confirmation(RegionsViewModel.Move.FAILOVER)).isEmpty();
        assertThat(model.move(RegionsViewModel.Move.FAILOVER)).isFalse();
        assertThat(background).as("nothing was sent").isEmpty();

        model.commandsRefused(null);
        assertThat(model.canFailoverProperty().get()).as("a grant shows on the next check").isTrue();
        assertThat(model.commandRefusalProperty().get()).isEmpty();
    }

    @Test
    void aDownServerAndAnUnreachableClusterAreNamed() {
        model.connect(control);
        RegionsSnapshot s = control.snapshot("kafka-" + WEST, "mirror");
        model.update(new RegionsSnapshot(s.servers(), s.regions(), s.primary(), s.active(),
                new ReplicationProbe.Result(List.of(), List.of("kafka-eu-west-1: timed out")), s.figures()));

        assertThat(model.regions().get(1).up()).isFalse();
        assertThat(model.regions().get(1).kafkaUp()).isFalse();
        assertThat(model.statusProperty().get()).contains("1 region(s) with a server down");
        assertThat(model.mirrorProperty().get()).isEqualTo("MirrorMaker 2 is DOWN, copying 0 directions over 0 partitions. "
                + "Not reachable: kafka-eu-west-1: timed out.");
    }

    @Test
    void aStalledFlowIsNamedAsAFailureAndAMoveOntoItsIncompleteCopyIsWarnedOf() {
        model.connect(control);
        RegionsSnapshot s = control.snapshot();
        java.time.Instant since = java.time.Instant.parse("2026-12-04T12:00:02Z");
        List<io.driftwatch.engine.api.MirrorFlow> flows = List.of(
                new io.driftwatch.engine.api.MirrorFlow(EAST, WEST, io.driftwatch.engine.api.MirrorFlow.Condition.STALLED, since, 1200, 31_000,
                        "task MirrorSourceConnector-0 FAILED: RecordTooLargeException"),
                new io.driftwatch.engine.api.MirrorFlow(WEST, EAST, io.driftwatch.engine.api.MirrorFlow.Condition.CAUGHT_UP, since, 0, 0, ""));
        model.update(new RegionsSnapshot(s.servers(), s.regions(), s.primary(), s.active(),
                new ReplicationProbe.Result(s.replication().partitions(), List.of(), flows), s.figures()));

        assertThat(model.mirrorProperty().get()).endsWith(" STALLED: us-east-1 → eu-west-1 stalled since 2026-12-04T12:00:02Z, "
                + "1,200 records / 31.0 s behind; MirrorMaker 2 says: task MirrorSourceConnector-0 FAILED: RecordTooLargeException.");
        assertThat(model.confirmation(RegionsViewModel.Move.FAILOVER)).hasValueSatisfying(q ->
                assertThat(q).contains("Warning: eu-west-1's copy is incomplete (us-east-1 → eu-west-1 stalled since"));
    }

    @Test
    void aFailoverAsksFirstThenRunsInTheBackgroundWithProgressAndRecordsItsFigures() {
        model.connect(control);
        model.update(control.snapshot());
        assertThat(model.confirmation(RegionsViewModel.Move.FAILOVER)).hasValueSatisfying(q ->
                assertThat(q).startsWith("Move processing from us-east-1 to eu-west-1?"));

        assertThat(model.move(RegionsViewModel.Move.FAILOVER)).isTrue();
        assertThat(control.moves).as("nothing runs on the calling thread").isEmpty();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.canFailoverProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).startsWith("Failing over from us-east-1 to eu-west-1 … 0 s so far");
        now.addAndGet(12_000);
        model.update(control.snapshot());
        assertThat(model.progressProperty().get()).startsWith("Failing over from us-east-1 to eu-west-1 … 12 s so far");
        assertThat(model.refusal(RegionsViewModel.Move.FAILBACK)).hasValue("A move is running; wait for its result.");

        background.poll().run();
        assertThat(control.moves).containsExactly("failover eu-west-1");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEmpty();
        assertThat(model.resultFailedProperty().get()).isFalse();
        assertThat(model.resultProperty().get()).isEqualTo("Processing moved from us-east-1 to eu-west-1 in 8.4 s (detection 0.1 s, "
                + "pending eu-west-1 1, us-east-1 3; all arrived).");
        assertThat(model.lastMoveProperty().get().to()).isEqualTo(WEST);
        assertThat(model.activeProperty().get()).isEqualTo(WEST);
        assertThat(model.canFailbackProperty().get()).isTrue();
        assertThat(model.failoverTargetProperty().get()).isEqualTo(EAST);

        model.update(control.snapshot());
        assertThat(model.figures()).hasSize(1);
        assertThat(RegionsViewModel.placements(model.figures().get(0))).isEqualTo("mirror checkpoint 4, offset sync 2");
        assertThat(model.statusProperty().get()).startsWith("Processing in eu-west-1 (failed over from us-east-1)");
    }

    @Test
    void failBackIsRefusedWhileThePrimarysKafkaIsDownAndAFailedMoveSaysWhy() {
        control.active = WEST;
        model.connect(control);
        model.update(control.snapshot("kafka-" + EAST));
        assertThat(model.move(RegionsViewModel.Move.FAILBACK)).isFalse();
        assertThat(model.resultProperty().get()).isEqualTo("Fail-back is refused while us-east-1's Kafka does not answer.");
        assertThat(model.resultFailedProperty().get()).isTrue();
        assertThat(background).isEmpty();

        model.update(control.snapshot());
        control.refuse = new IllegalStateException("us-east-1's Kafka does not answer");
        assertThat(model.move(RegionsViewModel.Move.FAILBACK)).isTrue();
        background.poll().run();
        assertThat(model.resultProperty().get()).isEqualTo("Not moved: us-east-1's Kafka does not answer");
        assertThat(model.resultFailedProperty().get()).isTrue();
        assertThat(model.activeProperty().get()).isEqualTo(WEST);
    }

    @Test
    void withOneRegionNothingCanMove() {
        model.connect(null);
        model.update(new RegionsSnapshot(control.snapshot().servers(), List.of(EAST), EAST, null,
                new ReplicationProbe.Result(List.of(), List.of()), List.of()));
        assertThat(model.statusProperty().get()).startsWith("One region: nothing is replicated between regions and processing cannot move");
        assertThat(model.canFailoverProperty().get()).isFalse();
        assertThat(model.refusal(RegionsViewModel.Move.FAILOVER)).hasValue("Processing cannot move: the pipeline runs in one region.");
        assertThat(model.confirmation(RegionsViewModel.Move.FAILOVER)).isEmpty();
    }

    @Test
    void aFailureShowsItsSentenceNotTheServersLog() {
        model.failed("The local stack failed: kafka-us-east-1 did not answer within 180 s; last lines of k.log:\n\nline 1\nline 2");
        assertThat(model.statusProperty().get())
                .isEqualTo("Regions cannot be read: The local stack failed: kafka-us-east-1 did not answer within 180 s; last lines of k.log:");
    }
}
