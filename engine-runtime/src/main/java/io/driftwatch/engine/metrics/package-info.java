/**
 * The engine's figures for Prometheus: what {@code driftwatch run} exposes on its metrics port,
 * named after Prometheus's conventions (units in names, {@code _total} counters).
 */
package io.driftwatch.engine.metrics;
