package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.app.lag.LagThresholds;
import io.driftwatch.app.shell.Screen;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void parsesTheHeadlessDemo() {
        ConsoleOptions options = ConsoleOptions.parse("demo", "--headless", "--duration", "60s", "--dir", "/tmp/s", "--regions", "1");
        assertThat(options.headless()).isTrue();
        assertThat(options.duration()).contains(Duration.ofSeconds(60));
        assertThat(options.stackDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(options.regions()).isEqualTo(1);
    }

    @Test
    void defaultsToTwoRegionsWithoutATimeLimit() {
        ConsoleOptions options = ConsoleOptions.parse("demo");
        assertThat(options.regions()).isEqualTo(2);
        assertThat(options.duration()).isEmpty();
        assertThat(options.headless()).isFalse();
    }

    @Test
    void theOperatorIsTheOsUserUnlessNamed() {
        assertThat(ConsoleOptions.parse("demo").operator()).isEqualTo(System.getProperty("user.name"));
        assertThat(ConsoleOptions.parse("--operator", " anna ").operator()).isEqualTo("anna");
        assertThatThrownBy(() -> ConsoleOptions.parse("--operator", " ")).hasMessage("--operator needs a name");
    }

    @Test
    void freshAndVerboseAreOffUnlessAskedFor() {
        assertThat(ConsoleOptions.parse("demo").fresh()).isFalse();
        assertThat(ConsoleOptions.parse("demo").verbose()).isFalse();
        ConsoleOptions options = ConsoleOptions.parse("demo", "--headless", "--fresh", "--verbose");
        assertThat(options.fresh()).isTrue();
        assertThat(options.verbose()).isTrue();
        assertThatThrownBy(() -> ConsoleOptions.parse("--config", "pipeline.yaml", "--fresh"))
                .hasMessageContaining("with --config there is no local stack");
    }

    @Test
    void durationsTakeTheUsualUnits() {
        assertThat(ConsoleOptions.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConsoleOptions.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> ConsoleOptions.parseDuration("soon")).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void unknownOptionsAndBadValuesAreNamed() {
        assertThatThrownBy(() -> ConsoleOptions.parse("--headles")).hasMessageContaining("unknown option '--headles'");
        assertThatThrownBy(() -> ConsoleOptions.parse("--regions", "3")).hasMessageContaining("--regions must be 1 or 2");
        assertThatThrownBy(() -> ConsoleOptions.parse("--dir")).hasMessageContaining("--dir needs a value");
    }

    @Test
    void configAttachesInsteadOfStartingTheLocalDemo() {
        assertThat(ConsoleOptions.parse("demo").config()).isEmpty();
        assertThat(ConsoleOptions.parse("--config", "/etc/driftwatch/../driftwatch/pipeline.yaml").config())
                .contains(Path.of("/etc/driftwatch/pipeline.yaml"));
        assertThatThrownBy(() -> ConsoleOptions.parse("--config")).hasMessageContaining("--config needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse("--headless", "--config", "p.yaml"))
                .hasMessageContaining("--config attaches the console's window");
    }

    @Test
    void aScreenCanBeChosenByNameOrTitleForScreenshots() {
        ConsoleOptions options = ConsoleOptions.parse("demo", "--screenshot", "docs/lag.png", "--screenshot-after", "45s", "--screen", "lag");
        assertThat(options.screen()).contains(Screen.LAG);
        assertThat(options.screenshot()).hasValueSatisfying(p -> assertThat(p.isAbsolute() && p.endsWith(Path.of("docs", "lag.png"))).isTrue());
        assertThat(options.screenshotAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(ConsoleOptions.parse("--screen", "Schemas").screen()).contains(Screen.SCHEMAS);
        assertThat(ConsoleOptions.parse().screen()).isEmpty();
        assertThatThrownBy(() -> ConsoleOptions.parse("--screen", "lags"))
                .hasMessageContaining("unknown screen 'lags'; screens: pipeline, lag, conflicts, inventory, schemas, regions");
    }

    @Test
    void lagThresholdsDefaultAndCanBeOverridden() {
        assertThat(ConsoleOptions.parse().lagThresholds()).isEqualTo(LagThresholds.defaults());
        assertThat(ConsoleOptions.parse("--lag-thresholds", "kafka=10/20").lagThresholds().consumerRed()).isEqualTo(20);
        assertThat(ConsoleOptions.USAGE).contains("--screen NAME").contains("--lag-thresholds");
    }
}
