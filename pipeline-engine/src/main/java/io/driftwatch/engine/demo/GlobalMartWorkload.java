package io.driftwatch.engine.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * GlobalMart's traffic against one region's database: orders with lines, payments, stock
 * decrements and an outbox event in one transaction; price updates; promotions switched on and
 * off; cancellations that restock. A Black Friday burst triples the rate in the middle third of
 * the run, and a quarter into it products gain a column (a live schema change). Deterministic for
 * a given seed and region.
 */
public final class GlobalMartWorkload {
    public static final int CUSTOMERS = 200;
    public static final int PRODUCTS = 100;

    private final String region;
    private boolean schemaChanged;
    private final Random random;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();
    /** Each region's ids: {@code [base, base + RANGE)}. */
    private static final long RANGE = 1_000_000_000L;
    private final long base;
    private long nextOrder;
    private long nextPayment;

    public GlobalMartWorkload(String region, long seed) {
        this.region = region;
        this.random = new Random(seed ^ region.hashCode());
        // Each region numbers its orders in its own range, so both regions' orders can coexist.
        this.base = region.hashCode() == 0 ? 1 : (Math.abs((long) region.hashCode()) % 9 + 1) * RANGE;
        this.nextOrder = base;
        this.nextPayment = base;
    }

    /**
     * Ids from the data: a run on a database an earlier run already filled continues after that
     * run's orders and payments in the region's range instead of colliding with them.
     */
    private void continueNumbering(Connection c) throws SQLException {
        nextOrder = Math.max(nextOrder, highestId(c, "orders") + 1);
        nextPayment = Math.max(nextPayment, highestId(c, "payments") + 1);
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private long highestId(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM " + table + " WHERE id >= ? AND id < ?")) {
            ps.setLong(1, base);
            ps.setLong(2, base + RANGE);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Units of each SKU every region may sell at first (stock_levels). */
    public static final int SELLABLE = 40;

    /** Creates the schema and all of the region's reference data, once (one region alone). */
    public void setUp(Connection c) throws SQLException, IOException {
        setUpShared(c);
        setUpRegional(c);
    }

    /**
     * Creates the schema (idempotent) and the reference data every region holds alike: customers,
     * products, promotions and sellable stock. In a second region these rows are a copy of the
     * first's, so only the first region's capture snapshots them.
     */
    public void setUpShared(Connection c) throws SQLException, IOException {
        try (InputStream in = GlobalMartWorkload.class.getResourceAsStream("/io/driftwatch/assets/globalmart/schema.sql");
             Statement s = c.createStatement()) {
            if (in == null) {
                throw new IOException("the GlobalMart schema is missing from the class path (assets module)");
            }
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO customers (id, name, email, tier) SELECT g, 'Customer ' || g, 'c' || g || '@globalmart.example', "
                    + "CASE WHEN g % 10 = 0 THEN 'gold' ELSE 'standard' END FROM generate_series(1, " + CUSTOMERS + ") g ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO products (sku, name, price, tags) SELECT 'SKU-' || g, 'Product ' || g, (5 + (g * 37) % 200)::numeric(10,2), "
                    + "ARRAY['catalog'] FROM generate_series(1, " + PRODUCTS + ") g ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO stock_levels (sku, available) SELECT 'SKU-' || g, " + SELLABLE + " FROM generate_series(1, "
                    + PRODUCTS + ") g ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO promotions (id, sku, percent_off, active, starts_on) SELECT g, 'SKU-' || g, 10, false, current_date "
                    + "FROM generate_series(1, 20) g ON CONFLICT DO NOTHING");
        }
        c.commit();
        c.setAutoCommit(autoCommit);
    }

    /** The region's own reference data: its warehouse's inventory. Created once capture runs, so it is captured. */
    public void setUpRegional(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO inventory (sku, warehouse, stock) SELECT 'SKU-' || g, '" + region + "', 500 FROM generate_series(1, "
                    + PRODUCTS + ") g ON CONFLICT DO NOTHING");
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    public long transactions() {
        return transactions.get();
    }

    public long orders() {
        return orders.get();
    }

    /**
     * Runs at {@code ratePerSecond} transactions per second (tripled during the middle third, the
     * burst) until {@code duration} passed or {@code stop} says so.
     */
    public void run(Connection c, int ratePerSecond, Duration duration, BooleanSupplier stop) throws SQLException, InterruptedException {
        c.setAutoCommit(false);
        continueNumbering(c);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        boolean evolved = false;
        while (System.nanoTime() < end && !stop.getAsBoolean()) {
            long elapsed = System.nanoTime() - start;
            boolean burst = elapsed > duration.toNanos() / 3 && elapsed < 2 * duration.toNanos() / 3;
            if (!evolved && elapsed > duration.toNanos() / 4) {
                evolveSchema(c);
                evolved = true;
            }
            long period = 1_000_000_000L / (ratePerSecond * (burst ? 3L : 1L));
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += period;
            oneTransaction(c);
            c.commit();
            transactions.incrementAndGet();
        }
    }

    /**
     * A schema change in the middle of the traffic, as product teams make them: orders gain a
     * nullable column, the sales channel; new orders fill it from then on. Capture registers a new
     * compatible version and the views gain the column, without a restart.
     */
    private void evolveSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN IF NOT EXISTS channel text");
        }
        c.commit();
        schemaChanged = true;
    }

    private void oneTransaction(Connection c) throws SQLException {
        int pick = random.nextInt(100);
        if (pick < 70 || orders.get() < 10) {
            placeOrder(c);
        } else if (pick < 80) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE products SET price = ?, updated_at = now() WHERE sku = ?")) {
                ps.setBigDecimal(1, BigDecimal.valueOf(500 + random.nextInt(20_000), 2));
                ps.setString(2, sku());
                ps.executeUpdate();
            }
        } else if (pick < 85) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE promotions SET active = NOT active WHERE id = ?")) {
                ps.setLong(1, 1 + random.nextInt(20));
                ps.executeUpdate();
            }
        } else if (pick < 90) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET tier = ? WHERE id = ?")) {
                ps.setString(1, random.nextBoolean() ? "gold" : "standard");
                ps.setLong(2, 1 + random.nextInt(CUSTOMERS));
                ps.executeUpdate();
            }
        } else {
            cancelOrder(c);
        }
    }

    private void placeOrder(Connection c) throws SQLException {
        long order = nextOrder++;
        int lines = 1 + random.nextInt(3);
        BigDecimal total = BigDecimal.ZERO;
        try (PreparedStatement line = c.prepareStatement(
                "INSERT INTO order_lines (order_id, line_no, sku, qty, price) SELECT ?, ?, sku, ?, price FROM products WHERE sku = ? RETURNING price");
             PreparedStatement stock = c.prepareStatement("UPDATE inventory SET stock = stock - ?, updated_at = now() WHERE sku = ? AND warehouse = ?");
             // The region sells what it believes is left; the other region may be selling the same units.
             PreparedStatement sellable = c.prepareStatement("UPDATE stock_levels SET available = available - ? WHERE sku = ? AND available >= ?")) {
            for (int n = 1; n <= lines; n++) {
                String sku = sku();
                int qty = 1 + random.nextInt(3);
                line.setLong(1, order);
                line.setInt(2, n);
                line.setInt(3, qty);
                line.setString(4, sku);
                try (var rs = line.executeQuery()) {
                    rs.next();
                    total = total.add(rs.getBigDecimal(1).multiply(BigDecimal.valueOf(qty)));
                }
                stock.setInt(1, qty);
                stock.setString(2, sku);
                stock.setString(3, region);
                stock.executeUpdate();
                sellable.setInt(1, qty);
                sellable.setString(2, sku);
                sellable.setInt(3, qty);
                sellable.executeUpdate();
            }
        }
        String insert = schemaChanged
                ? "INSERT INTO orders (id, customer_id, status, total, channel) VALUES (?, ?, 'placed', ?, ?)"
                : "INSERT INTO orders (id, customer_id, status, total) VALUES (?, ?, 'placed', ?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, order);
            ps.setLong(2, 1 + random.nextInt(CUSTOMERS));
            ps.setBigDecimal(3, total);
            if (schemaChanged) {
                ps.setString(4, random.nextInt(3) == 0 ? "app" : "web");
            }
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (id, order_id, amount, method) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, nextPayment++);
            ps.setLong(2, order);
            ps.setBigDecimal(3, total);
            ps.setString(4, random.nextInt(3) == 0 ? "paypal" : "card");
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, 'order', ?, 'OrderPlaced', ?::jsonb)")) {
            // From the order, not from the seeded random: a later run on the same database
            // repeats the random sequence but never an order id.
            ps.setObject(1, UUID.nameUUIDFromBytes(("OrderPlaced:" + order).getBytes(StandardCharsets.UTF_8)));
            ps.setString(2, Long.toString(order));
            ps.setString(3, "{\"order\": " + order + ", \"total\": " + total + ", \"region\": \"" + region + "\"}");
            ps.executeUpdate();
        }
        orders.incrementAndGet();
    }

    private void cancelOrder(Connection c) throws SQLException {
        long first = nextOrder - orders.get();
        long order = first + (long) (random.nextDouble() * Math.max(1, orders.get()));
        try (PreparedStatement restock = c.prepareStatement("UPDATE inventory i SET stock = i.stock + l.qty, updated_at = now() FROM order_lines l "
                + "WHERE l.order_id = ? AND i.sku = l.sku AND i.warehouse = ? AND EXISTS (SELECT 1 FROM orders o WHERE o.id = l.order_id AND o.status = 'placed')");
             PreparedStatement cancel = c.prepareStatement("UPDATE orders SET status = 'cancelled' WHERE id = ? AND status = 'placed'")) {
            restock.setLong(1, order);
            restock.setString(2, region);
            restock.executeUpdate();
            cancel.setLong(1, order);
            cancel.executeUpdate();
        }
    }

    private String sku() {
        return "SKU-" + (1 + random.nextInt(PRODUCTS));
    }
}
