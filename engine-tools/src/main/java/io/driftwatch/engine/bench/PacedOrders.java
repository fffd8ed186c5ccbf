package io.driftwatch.engine.bench;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.api.StackEndpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline benchmark's source traffic: transactions of one order and its two lines (three
 * row changes in two tables), each committed by a single statement so that the client's round
 * trips do not limit the rate. Paced at a fixed rate, or as fast as the connections go.
 */
final class PacedOrders {
    static final String ORDERS = "bench_orders";
    static final String LINES = "bench_lines";
    private static final String INSERT = "WITH o AS (INSERT INTO " + ORDERS + " (id, customer, total) VALUES (?, ?, 7.50) RETURNING id) "
            + "INSERT INTO " + LINES + " (order_id, line_no, sku, qty, price) SELECT id, n, 'SKU-' || n, n, 2.50 FROM o, "
            + "generate_series(1, 2) n";

    /** What a run committed: transactions, and the rate achieved over the run. */
    record Result(long transactions, double ratePerSecond) {}

    private final StackEndpoints.Postgres pg;
    private final String schema;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong total = new AtomicLong();

    PacedOrders(StackEndpoints.Postgres pg) {
        this(pg, null);
    }

    /** The tables in {@code schema} (created when missing) instead of the default search path. */
    PacedOrders(StackEndpoints.Postgres pg, String schema) {
        this.pg = pg;
        this.schema = schema;
    }

    void createTables() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + ORDERS + " (id bigint PRIMARY KEY, customer int NOT NULL, total numeric(12,2) NOT NULL, "
                    + "created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS " + LINES + " (order_id bigint, line_no int, sku text NOT NULL, qty int NOT NULL, "
                    + "price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
        }
    }

    /** Orders committed so far by every run. */
    long committed() {
        return total.get();
    }

    /** Commits at {@code rate} transactions/s (0: as fast as possible) from {@code connections} connections for {@code length}. */
    Result run(int rate, int connections, Duration length) throws Exception {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        return commit(connections, rate, n -> System.nanoTime() < end, start);
    }

    /** Commits {@code transactions} transactions as fast as {@code connections} connections go. */
    Result backlog(long transactions, int connections) throws Exception {
        long last = nextId.get() + transactions;
        return commit(connections, 0, id -> id < last, System.nanoTime());
    }

    private interface Continue {
        boolean at(long nextId);
    }

    private Result commit(int connections, int rate, Continue go, long start) throws Exception {
        long periodNanos = rate == 0 ? 0 : 1_000_000_000L * connections / rate;
        AtomicLong committed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long offset = periodNanos * w / connections;
            workers.add(pool.submit(() -> {
                try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                    long next = start + offset;
                    while (true) {
                        if (periodNanos > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            next += periodNanos;
                        }
                        long id = nextId.getAndIncrement();
                        if (!go.at(id)) {
                            return null;
                        }
                        insert.setLong(1, id);
                        insert.setInt(2, (int) (id % 1000));
                        insert.executeUpdate();
                        committed.incrementAndGet();
                        total.incrementAndGet();
                    }
                }
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(committed.get(), committed.get() / seconds);
    }

    private Connection connect() throws Exception {
        Connection c = connect(pg);
        if (schema != null) {
            c.setSchema(schema);
        }
        return c;
    }

    static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        return PostgresConnections.open(pg, "driftwatch-bench");
    }
}
