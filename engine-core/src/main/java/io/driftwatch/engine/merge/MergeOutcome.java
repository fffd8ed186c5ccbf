package io.driftwatch.engine.merge;

import java.util.List;
import java.util.Objects;

/**
 * What merging produced.
 *
 * @param state     the new row state
 * @param causality how the incoming change's vector relates to the previous state's vector
 *                  (AFTER: it replaces; CONCURRENT: merged per policy; BEFORE/EQUAL: stale —
 *                  see {@link RowMerger#apply} for what stale still contributes)
 * @param changed   whether the state differs from before (false for a replay)
 * @param conflicts every open conflict of the new state (derived from it; ids deduplicate)
 */
public record MergeOutcome(RowState state, Causality causality, boolean changed, List<Conflict> conflicts) {

    public MergeOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(causality, "causality");
        conflicts = List.copyOf(conflicts);
    }
}
