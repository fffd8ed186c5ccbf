package io.driftwatch.engine.sink;

/**
 * One row version to write: the source table, the row image (JSONEachRow object), the registry
 * ids of its schemas, and Driftwatch's columns: version (the commit position), delete marker,
 * region, transaction, WAL position and commit time, and for a table without a primary key the
 * row's identity ({@code rowKey}: its change's WAL position, or its place in a snapshot).
 */
public record VersionedRow(String table, String rowJson, int valueSchemaId, int keySchemaId, long version, boolean deleted,
                           String region, String txId, long lsn, long sourceTsMs, String rowKey) {}
