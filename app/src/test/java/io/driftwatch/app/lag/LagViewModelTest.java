package io.driftwatch.app.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagViewModelTest {
    private final LagViewModel model = new LagViewModel(LagThresholds.defaults(), Duration.ofMinutes(10));

    @Test
    void listsEveryLagOfEveryStageInPipelineOrderWithItsLevel() {
        model.update(Snapshots.at(0).slot("us-east-1", 20L << 20)
                .partition("us-east-1", "globalmart.public.orders", 0, 12)
                .partition("us-east-1", "globalmart.public.order_lines", 1, 15_000)
                .visible("us-east-1", 1_200).build());
        assertThat(model.rows()).extracting(LagRow::stage, LagRow::subject, LagRow::shown, LagRow::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LagStage.SLOT, "slot driftwatch_globalmart_us_east_1", "20 MiB", LagLevel.AMBER),
                org.assertj.core.groups.Tuple.tuple(LagStage.CONSUMER, "globalmart.public.orders [0]", "12 records", LagLevel.OK),
                org.assertj.core.groups.Tuple.tuple(LagStage.CONSUMER, "globalmart.public.order_lines [1]", "15,000 records", LagLevel.RED),
                org.assertj.core.groups.Tuple.tuple(LagStage.VISIBILITY, "views in ClickHouse", "1.2 s", LagLevel.OK));
    }

    @Test
    void theWorstLagIsTheHighestLevelThenTheFurthestPastItsAmberThreshold() {
        model.update(Snapshots.at(0).slot("us-east-1", 200L << 20)           // amber, 12.5 x amber
                .partition("us-east-1", "globalmart.public.orders", 0, 3_000) // amber, 3 x amber
                .visible("us-east-1", 6_000).build());                        // amber, 1.2 x amber
        assertThat(model.rows()).filteredOn(LagRow::worst).singleElement().extracting(LagRow::stage).isEqualTo(LagStage.SLOT);
        assertThat(model.worstLevelProperty().get()).isEqualTo(LagLevel.AMBER);
        assertThat(model.worstProperty().get())
                .isEqualTo("Worst lag (amber): PostgreSQL → capture, slot driftwatch_globalmart_us_east_1 in us-east-1: 200 MiB behind");

        model.update(Snapshots.at(2).slot("us-east-1", 200L << 20).visible("us-east-1", 31_000).build());
        assertThat(model.rows()).filteredOn(LagRow::worst).singleElement().extracting(LagRow::stage).isEqualTo(LagStage.VISIBILITY);
        assertThat(model.worstLevelProperty().get()).isEqualTo(LagLevel.RED);
    }

    @Test
    void whenEverythingIsUnderAmberTheLargestLagIsStillNamed() {
        model.update(Snapshots.at(0).partition("us-east-1", "globalmart.transaction", 0, 40).visible("us-east-1", 100).build());
        assertThat(model.worstProperty().get()).startsWith("Largest lag (all under amber): Kafka → processing, globalmart.transaction [0]");
        assertThat(model.worstLevelProperty().get()).isEqualTo(LagLevel.OK);
    }

    @Test
    void alertsOnceWhenALagCrossesUpAndOnceWhenItRecovers() {
        model.update(Snapshots.at(0).visible("us-east-1", 1_000).build());
        assertThat(model.alerts()).isEmpty();
        model.update(Snapshots.at(2).visible("us-east-1", 6_000).build());
        model.update(Snapshots.at(4).visible("us-east-1", 7_000).build());
        assertThat(model.alerts()).as("still amber is not news").hasSize(1);
        model.update(Snapshots.at(6).visible("us-east-1", 45_000).build());
        model.update(Snapshots.at(8).visible("us-east-1", 800).build());
        assertThat(model.alerts()).extracting(LagAlert::level).containsExactly(LagLevel.OK, LagLevel.RED, LagLevel.AMBER);
        assertThat(model.alerts().get(2).text()).isEqualTo("AMBER: commit → visible, views in ClickHouse in us-east-1: 6.0 s (amber at 5.0 s)");
        assertThat(model.alerts().get(1).text()).isEqualTo("RED: commit → visible, views in ClickHouse in us-east-1: 45 s (red at 30 s)");
        assertThat(model.alerts().get(0).text()).startsWith("recovered: commit → visible").endsWith("0.8 s (under 5.0 s)");
        assertThat(model.alerts().get(0).at()).isEqualTo(Snapshots.at(8).build().at());
    }

    @Test
    void aLagAlreadyPastAThresholdAtTheFirstProbeRaisesAnAlert() {
        model.update(Snapshots.at(0).partition("us-east-1", "globalmart.public.orders", 0, 20_000).build());
        assertThat(model.alerts()).singleElement().extracting(LagAlert::level).isEqualTo(LagLevel.RED);
    }

    @Test
    void alertsKeepTheNewestTwoHundred() {
        for (int i = 0; i < 150; i++) {
            model.update(Snapshots.at(i * 4L).visible("us-east-1", 6_000).build());
            model.update(Snapshots.at(i * 4L + 2).visible("us-east-1", 100).build());
        }
        assertThat(model.alerts()).hasSize(LagViewModel.MAX_ALERTS);
        assertThat(model.alerts().get(0).text()).startsWith("recovered");
        assertThat(model.alerts().get(0).at()).isEqualTo(Snapshots.at(149 * 4L + 2).build().at());
    }

    @Test
    void eachStageIsChartedPerRegionOverTheWindowWithPartitionsAddedUp() {
        LagViewModel shortWindow = new LagViewModel(LagThresholds.defaults(), Duration.ofSeconds(10));
        for (int s = 0; s <= 20; s += 2) {
            shortWindow.update(Snapshots.at(s).slot("us-east-1", 2L << 20).slot("eu-west-1", 1L << 20)
                    .partition("us-east-1", "globalmart.public.orders", 0, s)
                    .partition("us-east-1", "globalmart.public.orders", 1, 100).build());
        }
        List<LagSeries> kafka = shortWindow.stageChart(LagStage.CONSUMER);
        assertThat(kafka).singleElement().satisfies(series -> {
            assertThat(series.name()).isEqualTo("us-east-1");
            assertThat(series.points()).as("the last 10 s").extracting(LagSeries.Point::secondsAgo)
                    .containsExactly(-10.0, -8.0, -6.0, -4.0, -2.0, 0.0);
            assertThat(series.points().get(5).value()).as("both partitions").isEqualTo(120.0);
        });
        assertThat(shortWindow.stageChart(LagStage.SLOT)).extracting(LagSeries::name).containsExactly("eu-west-1", "us-east-1");
        assertThat(shortWindow.stageChart(LagStage.SLOT).get(1).points().get(0).value()).as("in MiB").isEqualTo(2.0);
        assertThat(shortWindow.stageChart(LagStage.VISIBILITY)).isEmpty();
    }

    @Test
    void theHistoryChartFollowsTheWorstLagUntilOneIsSelected() {
        model.update(Snapshots.at(0).partition("us-east-1", "globalmart.public.orders", 0, 10)
                .partition("us-east-1", "globalmart.public.payments", 0, 900).build());
        model.update(Snapshots.at(2).partition("us-east-1", "globalmart.public.orders", 0, 30)
                .partition("us-east-1", "globalmart.public.payments", 0, 700).build());
        assertThat(model.selectedTitleProperty().get()).isEqualTo("Worst: globalmart.public.payments [0] in us-east-1 (records)");
        assertThat(model.selectedChart()).singleElement().satisfies(s ->
                assertThat(s.points()).extracting(LagSeries.Point::value).containsExactly(900.0, 700.0));

        String orders = model.rows().get(0).key();
        model.select(orders);
        assertThat(model.selectedTitleProperty().get()).isEqualTo("globalmart.public.orders [0] in us-east-1 (records)");
        assertThat(model.selectedChart()).singleElement().satisfies(s ->
                assertThat(s.points()).extracting(LagSeries.Point::value).containsExactly(10.0, 30.0));
    }

    @Test
    void whatCouldNotBeMeasuredIsNamedAndTheRestIsShown() {
        model.update(Snapshots.at(0).visible("us-east-1", 100).problem("Kafka in us-east-1 did not answer: timeout").build());
        assertThat(model.statusProperty().get()).contains("not measured: Kafka in us-east-1 did not answer: timeout");
        assertThat(model.rows()).hasSize(1);
        model.failed("connection refused");
        assertThat(model.statusProperty().get()).isEqualTo("Lag cannot be measured: connection refused");
    }

    @Test
    void partitionsWithoutACommittedOffsetAndSlotsWithoutAReaderSaySo() {
        model.update(new io.driftwatch.engine.api.LagSnapshot(java.time.Instant.EPOCH,
                List.of(new io.driftwatch.engine.api.LagSnapshot.SlotLag("us-east-1", "old_slot", false, 5L << 30)),
                List.of(new io.driftwatch.engine.api.LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 0, 40, -1, 40)),
                List.of(), List.of()));
        assertThat(model.rows()).extracting(LagRow::subject)
                .containsExactly("slot old_slot (no reader)", "globalmart.public.orders [0] (nothing committed yet)");
        assertThat(model.rows().get(0).shown()).isEqualTo("5 GiB");
    }

    @Test
    void engineAlertsAreListedWhileTheyFireAndEnterTheAlertsListWhenTheyBeginAndWhenTheyEnd() {
        var slot = new io.driftwatch.engine.api.EngineAlert("etl-1/7", "slot_retained_bytes", "us-east-1/s1", "slot s1 retains 2.0 GiB", 1_000);
        var lag = new io.driftwatch.engine.api.EngineAlert("etl-1/7", "consumer_lag_seconds", "us-east-1/t/0", "the oldest record is 200 s old", 500);
        java.time.Instant t0 = java.time.Instant.ofEpochSecond(1_000);

        model.engineAlerts(t0, List.of(slot, lag));
        model.engineAlerts(t0.plusSeconds(5), List.of(slot, lag)); // still firing: nothing new
        assertThat(model.engineAlerts()).containsExactly(lag, slot);
        assertThat(model.alerts()).extracting(LagAlert::level, LagAlert::text).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(LagLevel.RED, "engine: slot_retained_bytes firing: slot s1 retains 2.0 GiB"),
                org.assertj.core.groups.Tuple.tuple(LagLevel.RED, "engine: consumer_lag_seconds firing: the oldest record is 200 s old"));

        model.engineAlerts(t0.plusSeconds(10), List.of(lag));
        assertThat(model.engineAlerts()).containsExactly(lag);
        assertThat(model.alerts().get(0)).isEqualTo(new LagAlert(t0.plusSeconds(10), LagLevel.OK,
                "engine: slot_retained_bytes resolved: slot s1 retains 2.0 GiB"));

        model.engineAlertsUnavailable("the engines' status could not be read: us-east-1: timed out");
        assertThat(model.engineAlerts()).isEmpty();
        assertThat(model.engineAlertsNote().get()).startsWith("the engines' status could not be read");
        assertThat(model.alerts()).hasSize(3);
    }

    @Test
    void aLostSlotOffersAResnapshotWhoseAnswerEntersTheAlertsOneAtATime() {
        model.update(new io.driftwatch.engine.api.LagSnapshot(java.time.Instant.ofEpochSecond(10), List.of(
                new io.driftwatch.engine.api.LagSnapshot.SlotLag("us-east-1", "s1", false, 10, "lost", -1, 16L << 20),
                new io.driftwatch.engine.api.LagSnapshot.SlotLag("eu-west-1", "s2", true, 10, "reserved", -1, -1)), List.of(), List.of(), List.of()));
        assertThat(model.lostSlots()).containsExactly("us-east-1");
        assertThat(model.canResnapshot().get()).as("not attached: nothing to ask").isFalse();

        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        java.util.List<String> asked = new java.util.ArrayList<>();
        model.connectResnapshots(region -> {
            asked.add(region);
            return new io.driftwatch.engine.api.AttachedPipeline.Answer(true, "etl-1/7", "re-snapshot of " + region + " asked by ops: slot dropped");
        }, queued::add, Runnable::run);
        model.resnapshot("us-east-1");
        assertThat(model.canResnapshot().get()).as("one at a time").isFalse();
        model.resnapshot("us-east-1"); // ignored while the first runs
        queued.forEach(Runnable::run);

        assertThat(asked).containsExactly("us-east-1");
        assertThat(model.canResnapshot().get()).isTrue();
        assertThat(model.alerts()).extracting(LagAlert::level, LagAlert::text).startsWith(
                org.assertj.core.groups.Tuple.tuple(LagLevel.OK, "re-snapshot of us-east-1 asked by ops: slot dropped"),
                org.assertj.core.groups.Tuple.tuple(LagLevel.AMBER, "asked the engine to re-snapshot us-east-1"));
    }
}
