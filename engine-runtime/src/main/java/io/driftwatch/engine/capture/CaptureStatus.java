package io.driftwatch.engine.capture;

import java.util.List;

/** A snapshot of one region's capture, for the CLI, the console and tests. */
public record CaptureStatus(String region, CaptureState state, long records, long restarts, String lastError,
                            List<TableState> tables, List<BridgeState> bridges, long millisBehindSource) {
    public CaptureStatus {
        tables = List.copyOf(tables);
        bridges = List.copyOf(bridges);
    }

    /** A status without the lag behind the source (-1: not known). */
    public CaptureStatus(String region, CaptureState state, long records, long restarts, String lastError,
                         List<TableState> tables, List<BridgeState> bridges) {
        this(region, state, records, restarts, lastError, tables, bridges, -1);
    }
}
