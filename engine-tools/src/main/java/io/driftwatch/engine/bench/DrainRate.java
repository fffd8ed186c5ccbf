package io.driftwatch.engine.bench;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How fast a backlog drains: the rate of a growing count over its last 90 % up to a target; the
 * first 10 % are start-up. A count that arrives in one step (consistent views of a backlog become
 * visible when the transactions they wait for complete, which in a drain can be all at once) has
 * no last 90 %: then the rate is over the whole drain, start-up included, and says so.
 */
final class DrainRate {
    /** A count that grows as the backlog drains. */
    interface Count {
        long get() throws Exception;
    }

    private DrainRate() {}

    /** Polls {@code count} until it reaches {@code target} (ten minutes at most) and returns the rate per second. */
    static double measure(PrintStream out, String what, long target, Count count) throws Exception {
        out.println("draining: " + what);
        long warm = target / 10;
        long warmAt = -1;
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            long n = count.get();
            long now = System.nanoTime();
            if (warmAt < 0 && n >= warm) {
                warmAt = now;
            }
            if (n >= target) {
                if (now - warmAt < Duration.ofSeconds(1).toNanos()) {
                    double rate = target / ((now - start) / 1e9);
                    out.printf("  %,.0f per second (visible in one step after %.1f s: the rate over the whole drain, start-up included)%n",
                            rate, (now - start) / 1e9);
                    return rate;
                }
                double rate = (target - warm) / ((now - warmAt) / 1e9);
                out.printf("  %,.0f per second%n", rate);
                return rate;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not finish within 10 minutes (" + count.get() + " of " + target + ")");
    }
}
