/**
 * Transaction assembly, pure: which source transactions are complete, and how far the views may
 * show.
 *
 * <p>Debezium emits one event per row and, with transaction metadata on, an END marker per
 * transaction that counts its events per table. A transaction is complete when its END arrived
 * and, for every table, as many distinct events arrived as the END declares; events re-sent after
 * a capture restart are recognised by their WAL position and counted once.
 *
 * <p>Visibility: END markers arrive in commit order, and each carries its transaction's commit
 * position. The visible position of a region is the highest commit position such that every
 * transaction committed at or before it has been completely written to the views. Rows carry
 * their transaction's commit position as their version, and the consistent views show, per key,
 * the newest version at or below the visible position; so a reader never sees part of a
 * transaction, and never loses a row because a newer, not yet visible version exists.
 *
 * <p>Nothing here does I/O; the Flink operators around it keep these values in state.
 */
package io.driftwatch.engine.txn;
