package io.driftwatch.engine.api;

import java.time.Instant;

/**
 * The condition of one MirrorMaker 2 flow (every topic copied from one region into another), as
 * judged from successive readings of the clusters themselves.
 *
 * @param condition whether the copies keep up, move, stand still, or cannot be read
 * @param since when the flow last made progress (for {@link Condition#STALLED}), or when the
 *     present condition began
 * @param behindRecords records in the originals beyond their copies' ends, over every partition
 * @param behindMillis how much older the newest copied record is than the newest original, at the worst partition
 * @param mirrorSays what MirrorMaker 2 itself reports for the flow's connector and tasks when one is
 *     not running (its state and the first line of its error), or empty
 */
public record MirrorFlow(String from, String to, Condition condition, Instant since, long behindRecords, long behindMillis,
                         String mirrorSays) {

    public MirrorFlow {
        mirrorSays = mirrorSays == null ? "" : mirrorSays;
    }

    public enum Condition {
        /** Every copy has its original's newest record. */
        CAUGHT_UP,
        /** Behind, and a copy advanced within the stall limit. */
        COPYING,
        /** Behind, and no copy advanced for longer than the stall limit: a failure, not a lag. */
        STALLED,
        /** The source or the target cluster does not answer, so the flow cannot be judged. */
        UNREACHABLE
    }

    public String direction() {
        return from + " → " + to;
    }

    public boolean stalled() {
        return condition == Condition.STALLED;
    }

    private static Instant second(Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** One line for a terminal or a log: {@code eu-west-1 → us-east-1 stalled since 12:00:01Z, 1,200 records behind: …}. */
    public String describe() {
        String what = switch (condition) {
            case CAUGHT_UP -> "caught up";
            case COPYING -> String.format("copying, %,d records / %.1f s behind", behindRecords, behindMillis / 1000.0);
            case STALLED -> String.format("stalled since %s, %,d records / %.1f s behind", second(since), behindRecords, behindMillis / 1000.0);
            case UNREACHABLE -> "not readable since " + second(since);
        };
        return direction() + " " + what + (mirrorSays.isEmpty() ? "" : "; MirrorMaker 2 says: " + mirrorSays);
    }
}
