/**
 * Alerts on their way to people: the config's alert settings with webhook URLs resolved, and
 * delivery to webhooks with retries. The decisions (rules, firing, resolving) are in the pure
 * package {@link io.driftwatch.engine.alerts}.
 */
package io.driftwatch.engine.alerting;
