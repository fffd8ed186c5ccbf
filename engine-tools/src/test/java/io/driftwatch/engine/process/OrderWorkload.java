package io.driftwatch.engine.process;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.demo.OrderMix;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link OrderMix}'s traffic for an integration test: a fixed number of transactions from one connection, each followed by a pause. */
public final class OrderWorkload {
    private final StackEndpoints.Postgres pg;
    private final String prefix;
    private final AtomicInteger committed = new AtomicInteger();
    private long nextOrderId = 2;

    public OrderWorkload(StackEndpoints.Postgres pg, String prefix) {
        this.pg = pg;
        this.prefix = prefix;
    }

    public void createTables() throws Exception {
        try (Connection c = connect(pg)) {
            new OrderMix(prefix, 0).createTables(c);
        }
    }

    public int committed() {
        return committed.get();
    }

    /** Commits {@code transactions} transactions, pausing {@code pauseMillis} after each, so the run spans a while. */
    public void run(int transactions, long seed, long pauseMillis) throws Exception {
        OrderMix mix = new OrderMix(prefix, seed, nextOrderId); // a later run goes on with new orders
        try (Connection c = connect(pg)) {
            c.setAutoCommit(false);
            for (int t = 0; t < transactions; t++) {
                mix.transaction(c);
                c.commit();
                committed.incrementAndGet();
                Thread.sleep(pauseMillis);
            }
        } finally {
            nextOrderId = mix.nextOrderId();
        }
    }

    /**
     * One order of {@code lines} lines (each 1 × 1.00, the order's total their sum) in one
     * transaction: large enough that the assembly moves it from the heap to keyed state.
     */
    public void bulkOrder(int lines) throws Exception {
        OrderMix mix = new OrderMix(prefix, 0);
        long id = nextOrderId++;
        try (Connection c = connect(pg)) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + mix.ordersTable() + " VALUES (" + id + ", 'bulk', " + lines + ".00, 'bulk')");
                s.execute("INSERT INTO " + mix.linesTable() + " SELECT " + id + ", g, 'SKU-BULK', 1, 1.00 FROM generate_series(1, " + lines + ") g");
            }
            c.commit();
            committed.incrementAndGet();
        }
    }

    public static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
