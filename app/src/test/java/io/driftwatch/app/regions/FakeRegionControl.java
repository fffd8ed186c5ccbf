package io.driftwatch.app.regions;

import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.api.ReplicationLag;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two regions in memory: moves are recorded and answered with figures; a move can be held until
 * the test lets it finish, as a real one takes tens of seconds.
 */
final class FakeRegionControl implements RegionControl {
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    final List<String> moves = new CopyOnWriteArrayList<>();
    final List<FailoverFigures> recorded = new CopyOnWriteArrayList<>();
    volatile String active = EAST;
    volatile CountDownLatch hold = new CountDownLatch(0);
    volatile Exception refuse;

    @Override
    public List<String> regions() {
        return List.of(EAST, WEST);
    }

    @Override
    public String primaryRegion() {
        return EAST;
    }

    @Override
    public String activeRegion() {
        return active;
    }

    @Override
    public FailoverFigures failover(String region) throws Exception {
        return move("failover", region);
    }

    @Override
    public FailoverFigures failback() throws Exception {
        return move("failback", EAST);
    }

    private FailoverFigures move(String kind, String to) throws Exception {
        moves.add(kind + " " + to);
        if (!hold.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let the move finish");
        }
        if (refuse != null) {
            throw refuse;
        }
        FailoverFigures f = figures(kind, active, to);
        active = to;
        recorded.add(f);
        return f;
    }

    @Override
    public List<FailoverFigures> figures() {
        return List.copyOf(recorded);
    }

    static FailoverFigures figures(String kind, String from, String to) {
        return new FailoverFigures("m-" + kind, kind, from, to, "command", 1_700_000_000_000L, 120, 8_400,
                Map.of(EAST, 3L, WEST, 1L), true, 1_700_000_010_000L, 2, Map.of("MIRROR_CHECKPOINT", 4, "OFFSET_SYNC", 2), "chk-7", null);
    }

    /** A reading of this control with both regions' servers up (or {@code down} servers down) and some replication lag. */
    RegionsSnapshot snapshot(String... down) {
        List<ServerStatus> servers = new ArrayList<>();
        for (String name : List.of("postgres-" + EAST, "kafka-" + EAST, "postgres-" + WEST, "kafka-" + WEST, "mirror", "clickhouse")) {
            boolean up = !List.of(down).contains(name);
            servers.add(new ServerStatus(name, 100 + servers.size(), 9000 + servers.size(), up, up, 1024));
        }
        List<ReplicationLag> lags = List.of(
                new ReplicationLag(EAST, WEST, "globalmart.public.orders", 0, 500, 480, 20, 350),
                new ReplicationLag(EAST, WEST, "globalmart.public.stock_levels", 0, 300, 299, 1, 40),
                new ReplicationLag(WEST, EAST, "globalmart.public.orders", 0, 200, 200, 0, 0),
                new ReplicationLag(WEST, EAST, "globalmart.public.order_lines", 0, 400, 395, 5, 120));
        return new RegionsSnapshot(servers, regions(), EAST, active, new ReplicationProbe.Result(lags, List.of()), figures());
    }
}
