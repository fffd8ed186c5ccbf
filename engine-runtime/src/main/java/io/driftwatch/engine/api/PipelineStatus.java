package io.driftwatch.engine.api;

import java.util.List;

/**
 * A snapshot of the running local pipeline for status lines and the console.
 *
 * @param transactions source transactions committed by the workload so far
 * @param captured row changes and markers capture wrote to Kafka
 * @param ordersCommitted orders the workload committed
 * @param ordersVisible orders readable in the consistent view (-1 before the view exists)
 * @param mirrorFlows MirrorMaker 2's flows as the stack's supervisor last judged them (empty with one region)
 * @param trafficStopped why the workload stopped committing, per region, in the database's words (empty while it commits)
 */
public record PipelineStatus(List<ServerStatus> servers, long transactions, long captured, long ordersCommitted, long ordersVisible,
                             String captureState, List<MirrorFlow> mirrorFlows,
                             java.util.Map<String, String> trafficStopped) {
    public PipelineStatus {
        servers = List.copyOf(servers);
        mirrorFlows = List.copyOf(mirrorFlows);
        trafficStopped = java.util.Map.copyOf(trafficStopped);
    }

    /** Empty while the workload commits; else {@code TRAFFIC STOPPED in <region>: <reason>} for each region. */
    public String trafficSummary() {
        return trafficStopped.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> "TRAFFIC STOPPED in " + e.getKey() + ": " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** {@code mirror ok}, or the stalled flows in words: a stalled flow is a failure, not a lag. */
    public String mirrorSummary() {
        List<String> stalled = mirrorFlows.stream().filter(MirrorFlow::stalled).map(MirrorFlow::describe).toList();
        return mirrorFlows.isEmpty() ? "" : stalled.isEmpty() ? "mirror ok" : "MIRROR " + String.join("; ", stalled);
    }
}
