/**
 * Causality and merge: version vectors, hybrid logical clocks, CRDTs, column policies and
 * conflicts. Pure: values in, values out; no I/O, no Flink or Kafka types; time only through
 * {@link io.driftwatch.engine.merge.WallClock}. The full model, with examples, is in
 * {@code docs/CAUSALITY.md}.
 *
 * <h2>Where vectors come from</h2>
 * The capture in region R keeps, per row key, the {@link io.driftwatch.engine.merge.VersionVector}
 * of everything R has seen of that row: its own changes, and the other regions' changes that
 * reached R through the mirrored topics (merged in with {@code merge}). On each local change it
 * increments R's entry ({@code increment(R)}) and stamps the result on the record header
 * ({@link io.driftwatch.engine.merge.VersionVectorCodec}), together with a reading of R's
 * {@link io.driftwatch.engine.merge.HybridClock} ({@code now()} for a local change;
 * {@code receive(remote)} whenever a mirrored change is seen) encoded by
 * {@link io.driftwatch.engine.merge.HybridTimestampCodec}. The change is then event
 * {@code R:vector[R]} (its {@link io.driftwatch.engine.merge.Dot}), and its vector is its causal
 * past.
 *
 * <h2>How changes merge (invariant 3)</h2>
 * A {@link io.driftwatch.engine.merge.Change} is turned into a one-change
 * {@link io.driftwatch.engine.merge.RowState} and joined into the row's state by
 * {@link io.driftwatch.engine.merge.RowMerger}. Each column is a CRDT chosen by its
 * {@link io.driftwatch.engine.merge.ColumnPolicy}:
 * <ul>
 *   <li>{@code lww}, {@code max}, {@code min}, {@code manual}: the concurrent frontier of writes
 *       ({@link io.driftwatch.engine.merge.MvRegister}). A write another write has seen is gone —
 *       causality decides; among concurrent writes the policy picks: latest
 *       {@link io.driftwatch.engine.merge.HybridTimestamp} (region id breaks ties), greatest,
 *       least, or — {@code manual} — nobody: a conflict.</li>
 *   <li>{@code counter}: a {@link io.driftwatch.engine.merge.PnCounter}; changes carry deltas,
 *       counted once per dot, each region's contribution kept apart.</li>
 *   <li>{@code set}: an add-wins {@link io.driftwatch.engine.merge.OrSet}; changes carry added and
 *       removed elements; a remove takes away only the adds its vector had seen.</li>
 * </ul>
 * The join of joins is a join, so the row merge is commutative, associative and idempotent:
 * replays have no effect and every delivery order ends in the same state.
 *
 * <h2>Conflicts</h2>
 * Derived from the state by {@link io.driftwatch.engine.merge.RowMerger#conflicts}: a
 * {@code manual} column with more than one distinct concurrent value, or a counter whose merged
 * value breaks a declared {@link io.driftwatch.engine.merge.Invariant} (overselling). Each
 * {@link io.driftwatch.engine.merge.Conflict} has a content-derived id.
 * {@link io.driftwatch.engine.merge.ConflictResolution} turns an operator's
 * {@link io.driftwatch.engine.merge.Decision} into a change whose vector dominates every side,
 * plus an {@link io.driftwatch.engine.merge.AuditEntry}.
 */
package io.driftwatch.engine.merge;
