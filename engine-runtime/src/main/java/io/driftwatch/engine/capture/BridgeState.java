package io.driftwatch.engine.capture;

/**
 * A schema bridge's state: from which versioned topic to which old topic, changes bridged, changes
 * that could not be expressed in the old shape (on the failure topic), records still to bridge.
 */
public record BridgeState(String from, String to, long bridged, long failed, long lag, String lastError) {}
