package io.driftwatch.engine.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * The order-and-lines traffic of the pipeline's own tests, fault drills and soak: in
 * {@code <prefix>_orders}, {@code <prefix>_lines} and the keyless {@code <prefix>_audit}, one
 * transaction at a time — new orders of 1–4 lines (with an audit row), repricings (a line and the
 * order's total) and deletions (an order and its lines).
 *
 * <p>Why this shape: in every committed state each order's total equals the sum of its lines, so
 * a reader of the views who sees another total has seen part of a transaction (what the invariant
 * sampler checks); and the audit table has no key, so a change applied twice shows as a second
 * row. The caller owns the connection and the commit, so it decides pacing and what to do when
 * the database goes away.
 */
public final class OrderMix {
    private final String prefix;
    private final Random random;
    private long nextId;

    /** A mix whose first order is 2 (order 1 is the seed row, captured by the snapshot). */
    public OrderMix(String prefix, long seed) {
        this(prefix, seed, 2);
    }

    /** A mix that goes on where another left off: its first new order is {@code nextOrderId}. */
    public OrderMix(String prefix, long seed, long nextOrderId) {
        this.prefix = prefix;
        this.random = new Random(seed);
        this.nextId = nextOrderId;
    }

    /** The id the next new order gets. */
    public long nextOrderId() {
        return nextId;
    }

    public String ordersTable() {
        return prefix + "_orders";
    }

    public String linesTable() {
        return prefix + "_lines";
    }

    public String auditTable() {
        return prefix + "_audit";
    }

    /**
     * Creates the three tables where missing, with seed rows for the snapshot: one order and its
     * line, and audit rows of which two are identical (keyless rows that share one WAL position).
     */
    public void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + ordersTable().replace("'", "''") + "') IS NOT NULL")) {
                rs.next();
                exists = rs.getBoolean(1);
            }
            if (exists) {
                return;
            }
            s.execute("CREATE TABLE " + ordersTable() + " (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(12,2) NOT NULL, note text)");
            s.execute("CREATE TABLE " + linesTable() + " (order_id bigint, line_no int, sku text NOT NULL, qty int NOT NULL, "
                    + "price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
            s.execute("CREATE TABLE " + auditTable() + " (order_id bigint NOT NULL, note text NOT NULL)");
            s.execute("INSERT INTO " + ordersTable() + " VALUES (1, 'snapshot', 5.00, null)");
            s.execute("INSERT INTO " + linesTable() + " VALUES (1, 1, 'SKU-0', 2, 2.50)");
            s.execute("INSERT INTO " + auditTable() + " VALUES (0, 'opened'), (0, 'opened'), (1, 'snapshot')");
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Runs one transaction's statements on {@code c} (auto-commit off; the caller commits or rolls
     * back) and returns the id of the order it placed, or -1 for a repricing or a deletion.
     */
    public long transaction(Connection c) throws SQLException {
        int choice = random.nextInt(10);
        try (Statement s = c.createStatement()) {
            if (choice < 7 || nextId < 5) {
                long id = nextId++;
                int count = 1 + random.nextInt(4);
                BigDecimal total = BigDecimal.ZERO;
                try (PreparedStatement line = c.prepareStatement("INSERT INTO " + linesTable() + " VALUES (?, ?, ?, ?, ?)")) {
                    for (int n = 1; n <= count; n++) {
                        int qty = 1 + random.nextInt(5);
                        BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(900), 2);
                        line.setLong(1, id);
                        line.setInt(2, n);
                        line.setString(3, "SKU-" + random.nextInt(50));
                        line.setInt(4, qty);
                        line.setBigDecimal(5, price);
                        line.addBatch();
                        total = total.add(price.multiply(BigDecimal.valueOf(qty)));
                    }
                    line.executeBatch();
                }
                try (PreparedStatement order = c.prepareStatement("INSERT INTO " + ordersTable() + " VALUES (?, ?, ?, ?)")) {
                    order.setLong(1, id);
                    order.setString(2, "customer-" + random.nextInt(20));
                    order.setBigDecimal(3, total);
                    order.setString(4, random.nextBoolean() ? null : "gift");
                    order.executeUpdate();
                }
                s.executeUpdate("INSERT INTO " + auditTable() + " VALUES (" + id + ", 'placed')");
                return id;
            }
            long id = 2 + random.nextInt((int) (nextId - 2));
            if (choice < 9) {
                s.executeUpdate("UPDATE " + linesTable() + " SET qty = qty + 1 WHERE order_id = " + id + " AND line_no = 1");
                s.executeUpdate("UPDATE " + ordersTable() + " SET total = (SELECT sum(qty * price) FROM " + linesTable() + " WHERE order_id = "
                        + id + ") WHERE id = " + id + " AND EXISTS (SELECT 1 FROM " + linesTable() + " WHERE order_id = " + id + ")");
            } else {
                s.executeUpdate("DELETE FROM " + linesTable() + " WHERE order_id = " + id);
                s.executeUpdate("DELETE FROM " + ordersTable() + " WHERE id = " + id);
            }
            return -1;
        }
    }
}
