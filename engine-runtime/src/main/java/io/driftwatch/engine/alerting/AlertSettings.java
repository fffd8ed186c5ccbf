package io.driftwatch.engine.alerting;

import io.driftwatch.engine.alerts.AlertRules;
import io.driftwatch.engine.alerts.Rule;
import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules and webhooks of a config's {@code alerts} section, over the defaults, with webhook URLs resolved. */
public record AlertSettings(Map<String, Rule> rules, List<Webhooks.Target> webhooks) {

    /** @throws ConfigException naming the key, for a rule the engine does not know */
    public static AlertSettings of(PipelineConfig.AlertsConfig alerts) {
        for (String name : alerts.rules().keySet()) {
            if (!AlertRules.DEFAULTS.containsKey(name)) {
                throw new ConfigException("unknown alert rule 'alerts.rules." + name + "'; known: " + String.join(", ", AlertRules.DEFAULTS.keySet()));
            }
        }
        Map<String, Rule> rules = new LinkedHashMap<>(AlertRules.DEFAULTS);
        alerts.rules().forEach((name, c) -> {
            if (c != null && Boolean.FALSE.equals(c.enabled())) {
                rules.remove(name);
            } else if (c != null) {
                Rule d = AlertRules.DEFAULTS.get(name);
                rules.put(name, new Rule(name, c.above() != null ? c.above() : d.above(),
                        c.forSeconds() != null ? Duration.ofSeconds(c.forSeconds()) : d.forAtLeast()));
            }
        });
        List<Webhooks.Target> webhooks = new ArrayList<>();
        for (int i = 0; i < alerts.webhooks().size(); i++) {
            PipelineConfig.WebhookConfig w = alerts.webhooks().get(i);
            String url = w.url() != null ? w.url() : ConfigLoader.secret(w.urlEnv(), w.urlFile(), "alerts.webhooks[" + i + "].url");
            webhooks.add(new Webhooks.Target(url, "json".equals(w.format()) ? Webhooks.Format.JSON : Webhooks.Format.SLACK));
        }
        return new AlertSettings(rules, webhooks);
    }
}
