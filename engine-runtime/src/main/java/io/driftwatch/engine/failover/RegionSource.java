package io.driftwatch.engine.failover;

import io.driftwatch.engine.api.StackEndpoints;

/** A region's source database and the capture's replication slot in it: where the failover figures read what was committed. */
public record RegionSource(String region, StackEndpoints.Postgres postgres, String slotName) {}
