package io.driftwatch.engine.api;

import java.util.List;

/**
 * A snapshot of the running local pipeline for status lines and the console.
 *
 * @param transactions source transactions committed by the workload so far
 * @param captured row changes and markers capture wrote to Kafka
 * @param ordersCommitted orders the workload committed
 * @param ordersVisible orders readable in the consistent view (-1 before the view exists)
 */
public record PipelineStatus(List<ServerStatus> servers, long transactions, long captured, long ordersCommitted, long ordersVisible,
                             String captureState) {
    public PipelineStatus {
        servers = List.copyOf(servers);
    }
}
