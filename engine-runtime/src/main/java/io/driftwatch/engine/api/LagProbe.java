package io.driftwatch.engine.api;


/**
 * Measures every lag of a running pipeline from the servers themselves: PostgreSQL's
 * replication-slot view, Kafka's consumer-group offsets, the transaction markers in Kafka and the
 * visible positions in ClickHouse. Works the same on the local stack and on real endpoints.
 */
public interface LagProbe extends AutoCloseable {

    /**
     * Measures now. Blocking (a few round trips per server), so never call it on a UI thread.
     * A server that does not answer leaves its part empty and is named in {@link LagSnapshot#problems()}.
     */
    LagSnapshot probe();

    @Override
    void close();
}
