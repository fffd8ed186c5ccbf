package io.driftwatch.engine.process;

import io.driftwatch.engine.api.StackEndpoints;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders and their lines in {@code <prefix>_orders} / {@code <prefix>_lines}: orders with 1–4
 * lines, repricings (a line and the total in one transaction) and deletions (the order and its
 * lines in one transaction). Each order's total always equals the sum of its lines, in every
 * committed state, so a reader who sees a different total has seen part of a transaction.
 */
public final class OrderWorkload {
    private final StackEndpoints.Postgres pg;
    private final String prefix;
    private final AtomicInteger committed = new AtomicInteger();
    private long nextId = 2;

    public OrderWorkload(StackEndpoints.Postgres pg, String prefix) {
        this.pg = pg;
        this.prefix = prefix;
    }

    public void createTables() throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + prefix + "_orders (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(12,2) NOT NULL, note text)");
            s.execute("CREATE TABLE " + prefix + "_lines (order_id bigint, line_no int, sku text NOT NULL, qty int NOT NULL, "
                    + "price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
            s.execute("INSERT INTO " + prefix + "_orders VALUES (1, 'snapshot', 5.00, null)");
            s.execute("INSERT INTO " + prefix + "_lines VALUES (1, 1, 'SKU-0', 2, 2.50)");
            // A table without a primary key (append-only), with snapshot rows that share one WAL position.
            s.execute("CREATE TABLE " + prefix + "_audit (order_id bigint NOT NULL, note text NOT NULL)");
            s.execute("INSERT INTO " + prefix + "_audit VALUES (0, 'opened'), (0, 'opened'), (1, 'snapshot')");
        }
    }

    public int committed() {
        return committed.get();
    }

    /** Commits {@code transactions} transactions, pausing {@code pauseMillis} after each, so the run spans a while. */
    public void run(int transactions, long seed, long pauseMillis) throws Exception {
        Random random = new Random(seed);
        String orders = prefix + "_orders";
        String lines = prefix + "_lines";
        try (Connection c = connect(pg)) {
            c.setAutoCommit(false);
            try (PreparedStatement order = c.prepareStatement("INSERT INTO " + orders + " VALUES (?, ?, ?, ?)");
                 PreparedStatement line = c.prepareStatement("INSERT INTO " + lines + " VALUES (?, ?, ?, ?, ?)");
                 Statement s = c.createStatement()) {
                for (int t = 0; t < transactions; t++) {
                    int choice = random.nextInt(10);
                    if (choice < 7 || nextId < 5) {
                        long id = nextId++;
                        int count = 1 + random.nextInt(4);
                        BigDecimal total = BigDecimal.ZERO;
                        for (int n = 1; n <= count; n++) {
                            int qty = 1 + random.nextInt(5);
                            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(900), 2);
                            line.setLong(1, id);
                            line.setInt(2, n);
                            line.setString(3, "SKU-" + random.nextInt(50));
                            line.setInt(4, qty);
                            line.setBigDecimal(5, price);
                            line.executeUpdate();
                            total = total.add(price.multiply(BigDecimal.valueOf(qty)));
                        }
                        order.setLong(1, id);
                        order.setString(2, "customer-" + random.nextInt(20));
                        order.setBigDecimal(3, total);
                        order.setString(4, random.nextBoolean() ? null : "gift");
                        order.executeUpdate();
                        s.executeUpdate("INSERT INTO " + prefix + "_audit VALUES (" + id + ", 'placed')");
                    } else if (choice < 9) {
                        long id = 2 + random.nextInt((int) (nextId - 2));
                        s.executeUpdate("UPDATE " + lines + " SET qty = qty + 1 WHERE order_id = " + id + " AND line_no = 1");
                        s.executeUpdate("UPDATE " + orders + " SET total = (SELECT sum(qty * price) FROM " + lines + " WHERE order_id = "
                                + id + ") WHERE id = " + id + " AND EXISTS (SELECT 1 FROM " + lines + " WHERE order_id = " + id + ")");
                    } else {
                        long id = 2 + random.nextInt((int) (nextId - 2));
                        s.executeUpdate("DELETE FROM " + lines + " WHERE order_id = " + id);
                        s.executeUpdate("DELETE FROM " + orders + " WHERE id = " + id);
                    }
                    c.commit();
                    committed.incrementAndGet();
                    Thread.sleep(pauseMillis);
                }
            }
        }
    }

    public static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
