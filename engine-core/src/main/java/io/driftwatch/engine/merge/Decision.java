package io.driftwatch.engine.merge;

/** What an operator decided about a conflict. */
public sealed interface Decision {

    /**
     * Keep one side's value: index into {@link Conflict#sides()}. Only for
     * {@link ConflictKind#CONCURRENT_MANUAL}; an invariant violation's sides are contributions to
     * a sum, not alternatives.
     */
    record KeepSide(int side) implements Decision {
    }

    /** Set the column to a value the operator typed (an integer for a counter). */
    record EnterValue(Object value) implements Decision {
    }

    /** Keep what the automatic merge produced (and, for a counter, stop flagging it). */
    record AcceptMerge() implements Decision {
    }
}
