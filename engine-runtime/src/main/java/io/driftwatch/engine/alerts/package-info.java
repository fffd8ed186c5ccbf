/**
 * Alerts as decisions: rules over what the engine reads of its pipeline ({@link AlertRules}) and
 * when a condition has held long enough to fire and when it resolved ({@link AlertBook}). Pure:
 * readings and time come in as values; delivery is in {@code alerting}.
 */
package io.driftwatch.engine.alerts;
