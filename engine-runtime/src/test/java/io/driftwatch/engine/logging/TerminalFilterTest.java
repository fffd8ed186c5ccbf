package io.driftwatch.engine.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

class TerminalFilterTest {

    @Test
    void driftwatchsOwnWarningsAndErrorsReachTheTerminal() {
        assertThat(TerminalFilter.shown("io.driftwatch.engine.capture.CaptureService", Level.WARN)).isTrue();
        assertThat(TerminalFilter.shown("io.driftwatch.engine.stack.LocalStack", Level.ERROR)).isTrue();
    }

    @Test
    void driftwatchsInformationGoesToTheFileOnly() {
        assertThat(TerminalFilter.shown("io.driftwatch.engine.capture.CaptureService", Level.INFO)).isFalse();
    }

    @Test
    void librariesNeverReachTheTerminalWhateverTheirLevel() {
        assertThat(TerminalFilter.shown("org.apache.flink.runtime.checkpoint.CheckpointFailureManager", Level.WARN)).isFalse();
        assertThat(TerminalFilter.shown("io.debezium.connector.postgresql.PostgresSchema", Level.ERROR)).isFalse();
        assertThat(TerminalFilter.shown("io.driftwatchers.Elsewhere", Level.ERROR)).as("a name that only starts alike").isFalse();
    }
}
