/**
 * Alerts that reach people: rules over what the engine reads of its pipeline ({@link AlertRules},
 * pure), when a condition has held long enough to fire and when it resolved ({@link AlertBook},
 * pure), and delivery to webhooks ({@link Webhooks}, I/O).
 */
package io.driftwatch.engine.alerts;
