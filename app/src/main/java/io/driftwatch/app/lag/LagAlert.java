package io.driftwatch.app.lag;

import java.time.Instant;

/**
 * A lag that crossed a threshold, up (into amber or red) or back down under amber.
 *
 * @param level the level it reached; {@link LagLevel#OK} for a recovery
 */
public record LagAlert(Instant at, LagLevel level, String text) {}
