package io.driftwatch.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.alerts.AlertRules;
import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.PipelineConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    @Test
    void anUnknownRuleIsRefusedByItsKeyWithTheKnownNames() {
        var alerts = new PipelineConfig.AlertsConfig(List.of(), Map.of("lag_too_high", new PipelineConfig.RuleConfig(5.0, null, null)));

        assertThatThrownBy(() -> AlertSettings.of(alerts))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'alerts.rules.lag_too_high'")
                .hasMessageContaining(AlertRules.DEFAULTS.keySet().iterator().next());
    }

    @Test
    void aConfiguredRuleOverridesItsDefaultAndADisabledOneIsDropped() {
        var names = List.copyOf(AlertRules.DEFAULTS.keySet());
        var alerts = new PipelineConfig.AlertsConfig(List.of(), Map.of(
                names.get(0), new PipelineConfig.RuleConfig(42.0, 7L, null),
                names.get(1), new PipelineConfig.RuleConfig(null, null, false)));

        AlertSettings settings = AlertSettings.of(alerts);

        assertThat(settings.rules().get(names.get(0)).above()).isEqualTo(42.0);
        assertThat(settings.rules().get(names.get(0)).forAtLeast()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.rules()).doesNotContainKey(names.get(1)).hasSize(AlertRules.DEFAULTS.size() - 1);
    }
}
