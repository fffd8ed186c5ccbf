package io.driftwatch.engine.fault;

import java.time.Duration;
import java.util.List;

/**
 * What one fault drill measured.
 *
 * @param serverBack how long the server took to answer again once restarted (zero: nothing restarted)
 * @param caughtUp from the fault's removal until the first order committed after it was visible in the views
 * @param verified from pausing the load until every view equalled its source table
 * @param committed transactions committed while the fault lasted and until the views caught up
 * @param failedCommits transactions PostgreSQL did not confirm (cut off by its restart)
 * @param captureRestarts times capture restarted its engine
 * @param captureReport what capture reported while the fault lasted (state and last error), or empty
 * @param jobFailures root causes of the processing job's task failures while the fault lasted
 * @param samples reads of the views by the invariant sampler during the drill
 * @param pinnedViolations partial transactions the sampler saw at one visible position (must be none)
 * @param copiesCaughtUp with two regions: from the fault's removal until MirrorMaker 2's copy of every topic of the
 *     pipeline in the other region had its original's newest record (the load paused); null with one region
 */
public record DrillResult(String fault, String what, Duration outage, Duration serverBack, Duration caughtUp, Duration verified,
                          int committed, int failedCommits, long captureRestarts, String captureReport, List<String> jobFailures,
                          int samples, List<String> pinnedViolations, Duration copiesCaughtUp) {
    public DrillResult {
        jobFailures = List.copyOf(jobFailures);
        pinnedViolations = List.copyOf(pinnedViolations);
    }

    public boolean passed() {
        return pinnedViolations.isEmpty();
    }
}
