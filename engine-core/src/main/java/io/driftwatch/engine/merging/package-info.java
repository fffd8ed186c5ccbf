/**
 * The job's use of the merge library: captured row images turned into {@link
 * io.driftwatch.engine.merge.Change}s, row states kept as bytes in Flink's state, merged rows
 * and conflicts as ClickHouse and Kafka records. Everything that touches formats lives here, so
 * {@code io.driftwatch.engine.merge} stays pure.
 */
package io.driftwatch.engine.merging;
