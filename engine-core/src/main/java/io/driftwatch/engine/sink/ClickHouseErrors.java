package io.driftwatch.engine.sink;

import java.util.List;

/**
 * Turns what ClickHouse answers when it cannot take a write into a message an operator can act
 * on: which server, what is wrong, what to do, and that the job recovers by itself afterwards.
 *
 * <p>Why: a task failure deep in Flink's logs that says only "errno: 28" or "Connection refused"
 * leaves the operator to work out that the views' server is the one in trouble.
 */
public final class ClickHouseErrors {
    /** Phrases ClickHouse (18.16 to current) uses when its disk is full. */
    private static final List<String> DISK_FULL = List.of("No space left on device", "errno: 28", "NOT_ENOUGH_SPACE",
            "Cannot reserve", "not enough space");

    private ClickHouseErrors() {}

    /** The message for a statement ClickHouse at {@code url} refused with {@code answer}. */
    public static String explain(String url, String answer) {
        if (isDiskFull(answer)) {
            return "ClickHouse at " + url + " is out of disk space: free space on its data volume (or move its data); the "
                    + "processing job retries from its last checkpoint and resumes writing by itself once a write fits. "
                    + "ClickHouse said: " + answer;
        }
        return answer;
    }

    /** The message when ClickHouse at {@code url} could not be reached at all. */
    public static String unreachable(String url, String detail) {
        return "ClickHouse at " + url + " is unreachable (" + detail + "): check that the server runs and listens there; the "
                + "processing job retries from its last checkpoint and resumes writing by itself once it answers";
    }

    public static boolean isDiskFull(String answer) {
        return answer != null && DISK_FULL.stream().anyMatch(answer::contains);
    }
}
