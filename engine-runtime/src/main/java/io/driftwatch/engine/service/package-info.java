/**
 * The engine as a service: what {@code driftwatch run} publishes about itself (its capture per
 * region, its job, its gateway) to a compacted status topic in every region's Kafka, so a console
 * or {@code driftwatch status} on another machine reads the engine's state from Kafka, never from
 * the engine's JVM.
 */
package io.driftwatch.engine.service;
