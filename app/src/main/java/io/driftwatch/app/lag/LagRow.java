package io.driftwatch.app.lag;

/**
 * One measured lag as the lag screen lists it.
 *
 * @param key     identifies the lag across probes: stage, region and subject
 * @param subject what lags within the stage: a slot, a topic partition, the views
 * @param shown   the value for people, in the stage's unit
 * @param worst   the one lag the screen highlights: the highest level, and within it the furthest past its amber threshold
 */
public record LagRow(String key, LagStage stage, String region, String subject, long value, String shown, LagLevel level, boolean worst) {

    /** The lag in one sentence, for the headline and alerts. */
    public String sentence() {
        return stage.title() + ", " + subject + " in " + region + ": " + shown + (stage == LagStage.VISIBILITY ? "" : " behind");
    }
}
