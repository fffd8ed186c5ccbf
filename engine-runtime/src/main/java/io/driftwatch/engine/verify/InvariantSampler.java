package io.driftwatch.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewCut;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the views while a workload runs and records every sample where an order's total differs
 * from the sum of its visible lines. The workload's tables are {@code <prefix>_orders (id, total,
 * …)} and {@code <prefix>_lines (order_id, line_no, qty, price, …)}, and every committed state
 * keeps each order's total equal to the sum of {@code qty * price} over its lines.
 *
 * <p>Two readings per sample. Pinned: the visible position is read once and both tables are read
 * at it, with the same SQL the views use; this is the consistent cross-table read, and it must
 * never show a partial transaction. Views: one query joins the two views; ClickHouse 18.16
 * evaluates each view's visible-position subquery separately, so such a query can straddle an
 * advance of the position; those straddles are counted, not asserted (docs/VIEWS.md).
 */
public final class InvariantSampler implements AutoCloseable {
    private final ClickHouseHttp clickhouse;
    private final String database;
    private final String prefix;
    private final String region;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger samples = new AtomicInteger();
    private final Set<Long> viewSizes = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> pinnedViolations = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public InvariantSampler(ClickHouseHttp clickhouse, String database, String prefix) {
        this(clickhouse, database, prefix, null);
    }

    /** Pins positions of {@code region} only: with several regions, positions of different sources do not compare. */
    public InvariantSampler(ClickHouseHttp clickhouse, String database, String prefix, String region) {
        this.region = region;
        this.clickhouse = clickhouse;
        this.database = database;
        this.prefix = prefix;
        this.thread = new Thread(this::sample, "invariant-sampler");
        thread.start();
    }

    private void sample() {
        String orders = database + "." + prefix + "_orders";
        String lines = database + "." + prefix + "_lines";
        while (running.get()) {
            try {
                List<JsonNode> broken = clickhouse.query("SELECT o.id AS id, o.total AS total, l.s AS s FROM " + orders
                        + " AS o ANY LEFT JOIN (SELECT order_id AS id, sum(qty * price) AS s FROM " + lines
                        + " GROUP BY order_id) AS l USING id WHERE toDecimal64(total, 2) != toDecimal64(s, 2)");
                samples.incrementAndGet();
                broken.forEach(b -> violations.add(b.toString()));
                viewSizes.add(clickhouse.query("SELECT count() AS n FROM " + orders).get(0).get("n").asLong());
                long position = clickhouse.query("SELECT max(position) AS p FROM " + database + "." + ViewCut.TABLE
                        + (region == null ? " WHERE source != '" + ViewCut.MERGE + "'" : " WHERE source = '" + region + "'")).get(0).get("p").asLong();
                String pinnedOrders = pinned(orders + "__rows", "id, tupleElement(argMax(tuple(total), _version), 1) AS total", "id", position);
                String pinnedLines = pinned(lines + "__rows", "order_id AS id, line_no, tupleElement(argMax(tuple(qty), _version), 1) AS qty, "
                        + "tupleElement(argMax(tuple(price), _version), 1) AS price", "order_id, line_no", position);
                clickhouse.query("SELECT o.id AS id, o.total AS total, l.s AS s FROM (" + pinnedOrders + ") AS o ANY LEFT JOIN (SELECT id, "
                        + "sum(qty * price) AS s FROM (" + pinnedLines + ") GROUP BY id) AS l USING id WHERE toDecimal64(total, 2) != toDecimal64(s, 2)")
                        .forEach(b -> pinnedViolations.add(b.toString()));
            } catch (ClickHouseHttp.ClickHouseException notThereYet) {
                // the views appear with their first rows; ClickHouse may be restarting in fault tests
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String pinned(String table, String columns, String key, long position) {
        return "SELECT " + columns + " FROM " + table + " WHERE _version <= " + position + " GROUP BY " + key
                + " HAVING argMax(_deleted, _version) = 0";
    }

    /** Violations seen when both tables are read at one visible position read once. */
    public List<String> pinnedViolations() {
        return List.copyOf(pinnedViolations);
    }

    public int samples() {
        return samples.get();
    }

    public int distinctViewSizes() {
        return viewSizes.size();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
