package io.driftwatch.engine.lag;

/** A source transaction's commit as its END marker in Kafka carries it: the commit position (LSN) and time. */
record CommitMarker(long position, long committedAtMillis) {}
