package io.driftwatch.engine.capture;

import java.util.List;

/** A snapshot of one region's capture, for the CLI, the console and tests. */
public record CaptureStatus(String region, CaptureState state, long records, long restarts, String lastError,
                            List<TableState> tables, List<BridgeState> bridges) {
    public CaptureStatus {
        tables = List.copyOf(tables);
        bridges = List.copyOf(bridges);
    }
}
