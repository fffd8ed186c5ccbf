package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
