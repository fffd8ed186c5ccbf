package io.driftwatch.engine.api;


/**
 * Reads the counters the console turns into throughput at the pipeline's ends: PostgreSQL's
 * committed transactions and WAL position per region, and ClickHouse's visible transactions per
 * region. Works the same on the local stack and on real endpoints.
 */
public interface ActivityProbe extends AutoCloseable {

    /** Reads now. Blocking (one round trip per server), so never call it on a UI thread. */
    ActivitySnapshot read();

    @Override
    void close();
}
