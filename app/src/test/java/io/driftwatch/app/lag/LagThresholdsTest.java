package io.driftwatch.app.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LagThresholdsTest {

    @Test
    void theDefaultsTurnAmberAndRedAtTheDocumentedValues() {
        LagThresholds t = LagThresholds.defaults();
        assertThat(t.levelOf(LagStage.SLOT, (16L << 20) - 1)).isEqualTo(LagLevel.OK);
        assertThat(t.levelOf(LagStage.SLOT, 16L << 20)).isEqualTo(LagLevel.AMBER);
        assertThat(t.levelOf(LagStage.SLOT, 256L << 20)).isEqualTo(LagLevel.RED);
        assertThat(t.levelOf(LagStage.CONSUMER, 999)).isEqualTo(LagLevel.OK);
        assertThat(t.levelOf(LagStage.CONSUMER, 10_000)).isEqualTo(LagLevel.RED);
        assertThat(t.levelOf(LagStage.VISIBILITY, 5_000)).isEqualTo(LagLevel.AMBER);
        assertThat(t.describe()).isEqualTo("Amber / red at: replication slot lag 16 MiB / 256 MiB; consumer-group lag 1,000 records / "
                + "10,000 records; visibility lag 5.0 s / 30 s");
    }

    @Test
    void anySubsetOfStagesCanBeOverriddenWithUnits() {
        LagThresholds t = LagThresholds.parse("visible=500ms/2s, slot=1MB/1GiB");
        assertThat(t.visibilityAmberMillis()).isEqualTo(500);
        assertThat(t.visibilityRedMillis()).isEqualTo(2_000);
        assertThat(t.slotAmberBytes()).isEqualTo(1_000_000);
        assertThat(t.slotRedBytes()).isEqualTo(1L << 30);
        assertThat(t.consumerAmber()).as("untouched").isEqualTo(1_000);
        assertThat(LagThresholds.parse("kafka=10/20").consumerRed()).isEqualTo(20);
    }

    @Test
    void badSpecificationsAreRejectedNamingWhatIsWrong() {
        assertThatThrownBy(() -> LagThresholds.parse("kafka=100")).hasMessageContaining("'kafka=100' is not NAME=AMBER/RED");
        assertThatThrownBy(() -> LagThresholds.parse("flink=1/2")).hasMessageContaining("unknown stage 'flink'");
        assertThatThrownBy(() -> LagThresholds.parse("kafka=200/100")).hasMessageContaining("kafka needs 0 < amber <= red");
        assertThatThrownBy(() -> LagThresholds.parse("visible=soon/later")).hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> LagThresholds.parse("slot=lots/more")).hasMessageContaining("'lots' is not a size");
    }

    @Test
    void valuesReadTheWayPeopleWriteThem() {
        assertThat(LagStage.SLOT.format(512)).isEqualTo("512 B");
        assertThat(LagStage.SLOT.format(1536)).isEqualTo("1.5 KiB");
        assertThat(LagStage.CONSUMER.format(1)).isEqualTo("1 record");
        assertThat(LagStage.CONSUMER.format(12_345)).isEqualTo("12,345 records");
        assertThat(LagStage.VISIBILITY.format(250)).isEqualTo("0.3 s");
        assertThat(LagStage.VISIBILITY.format(45_000)).isEqualTo("45 s");
        assertThat(LagStage.VISIBILITY.format(185_000)).isEqualTo("3 min 5 s");
    }
}
