package io.driftwatch.engine.gateway;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Queries and cut advances exclude each other: any number of queries run together, and the cut
 * moves only when none runs. Fair, so an advance that waits holds back new queries until the
 * running ones end: under a steady stream of queries the cut still moves, and a query waits at most
 * for the queries already running when the advance began (plus the advance itself, one insert).
 */
public final class CutBarrier {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Held while a query runs. */
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /** Enters as a query: waits while an advance runs or waits. */
    public Pass query() {
        lock.readLock().lock();
        return () -> lock.readLock().unlock();
    }

    /**
     * Runs {@code advance} with no query running and returns how long it waited for the running
     * queries to end.
     */
    public Duration advance(Runnable advance) {
        long begin = System.nanoTime();
        lock.writeLock().lock();
        Duration waited = Duration.ofNanos(System.nanoTime() - begin);
        try {
            advance.run();
        } finally {
            lock.writeLock().unlock();
        }
        return waited;
    }

    /** Whether an advance waits for running queries to end. */
    public boolean hasWaitingAdvance() {
        return lock.hasQueuedThreads() && !lock.isWriteLocked();
    }

    /** Queries running now. */
    public int running() {
        return lock.getReadLockCount();
    }
}
