package io.driftwatch.engine.fault;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.demo.OrderMix;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link OrderMix}'s traffic committed at a steady rate from one connection until stopped. Every
 * committed state keeps each order's total equal to the sum of its lines, which is what the
 * invariant sampler checks in the views.
 *
 * <p>Why it reconnects: a fault drill restarts PostgreSQL under this load. A transaction whose
 * commit was cut off is counted as failed and never retried, so the source holds whatever
 * PostgreSQL really committed, and the views are compared with that.
 */
public final class SteadyLoad implements AutoCloseable {
    private final StackEndpoints.Postgres pg;
    private final int ratePerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Object transactionLock = new Object();
    private final AtomicLong lastOrderId = new AtomicLong();
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final OrderMix mix;
    private final Thread thread;
    private volatile String lastError;

    public SteadyLoad(StackEndpoints.Postgres pg, String prefix, int ratePerSecond) {
        this.pg = pg;
        this.ratePerSecond = ratePerSecond;
        this.mix = new OrderMix(prefix, 42);
        this.thread = new Thread(this::run, "steady-load-" + prefix);
    }

    public String ordersTable() {
        return mix.ordersTable();
    }

    public String linesTable() {
        return mix.linesTable();
    }

    public String auditTable() {
        return mix.auditTable();
    }

    public void createTables() throws SQLException {
        try (Connection c = connect(pg)) {
            mix.createTables(c);
        }
    }

    public void start() {
        thread.start();
    }

    /** Transactions committed so far. */
    public int committed() {
        return committed.get();
    }

    /** Transactions that failed because PostgreSQL went away (their outcome is whatever PostgreSQL kept). */
    public int failed() {
        return failed.get();
    }

    public String lastError() {
        return lastError;
    }

    /** The id of the newest order committed so far. */
    public long lastOrderId() {
        return lastOrderId.get();
    }

    /** Stops committing until {@link #resume}; returns once no transaction is in flight. */
    public void pause() {
        paused.set(true);
        synchronized (transactionLock) {
            // the transaction in flight, if any, has ended
        }
    }

    public void resume() {
        paused.set(false);
    }

    /** A new nullable column on the orders table: the next changes carry a new schema version. */
    public void addColumn(String name) throws SQLException {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + ordersTable() + " ADD COLUMN IF NOT EXISTS " + name + " text");
        }
    }

    private void run() {
        long periodNanos = 1_000_000_000L / ratePerSecond;
        long next = System.nanoTime();
        Connection c = null;
        while (running.get()) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next = Math.max(next + periodNanos, System.nanoTime() - 1_000_000_000L);
                if (paused.get()) {
                    Thread.sleep(20);
                    next = System.nanoTime();
                    continue;
                }
                synchronized (transactionLock) {
                    if (c == null) {
                        c = connect(pg);
                        c.setAutoCommit(false);
                    }
                    transaction(c);
                    committed.incrementAndGet();
                }
            } catch (SQLException | AssertionError e) {
                // AssertionError: with assertions on (tests), PgJDBC asserts on a connection its server just cut.
                failed.incrementAndGet();
                lastError = e.getMessage();
                closeQuietly(c);
                c = null;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        closeQuietly(c);
    }

    private void transaction(Connection c) throws SQLException {
        try {
            long placed = mix.transaction(c);
            c.commit();
            if (placed > 0) {
                lastOrderId.set(placed);
            }
        } catch (SQLException | AssertionError e) {
            try {
                c.rollback();
            } catch (SQLException | AssertionError ignored) {
                // the connection is gone; the caller reconnects
            }
            throw e;
        }
    }

    /** Stops committing and waits for the last transaction to end. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(10_000);
    }

    static Connection connect(StackEndpoints.Postgres pg) throws SQLException {
        return PostgresConnections.open(pg, "driftwatch-load");
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
