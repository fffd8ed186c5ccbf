package io.driftwatch.engine.verify;

import io.driftwatch.engine.sink.ClickHouseHttp;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Waits for views to converge to their sources: the same comparison, again and again, until every
 * result matches.
 *
 * <p>Why wait at all: after the load stops, the last transactions are still on their way through
 * capture, Kafka and the job; after a fault a server may still be recovering. A comparison that
 * fails on ClickHouse or PostgreSQL errors counts as "not yet", not as a difference.
 */
public final class Convergence {
    /** One comparison of every table in question. */
    @FunctionalInterface
    public interface Comparison {
        List<ViewVerifier.Result> compare() throws Exception;
    }

    private Convergence() {}

    /**
     * Repeats {@code comparison} every {@code pause} until every result matches, and returns those
     * results; after {@code timeout}, an {@link IllegalStateException} naming the last results.
     */
    public static List<ViewVerifier.Result> await(Comparison comparison, Duration timeout, Duration pause) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ViewVerifier.Result> results = List.of();
        String notYet = null;
        while (true) {
            try {
                results = comparison.compare();
                notYet = null;
                if (!results.isEmpty() && results.stream().allMatch(ViewVerifier.Result::matches)) {
                    return results;
                }
            } catch (ClickHouseHttp.ClickHouseException | SQLException recovering) {
                notYet = recovering.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the views did not converge to their sources within " + timeout.toSeconds() + " s: "
                        + (notYet != null ? "the last comparison failed: " + notYet : results));
            }
            Thread.sleep(pause.toMillis());
        }
    }
}
