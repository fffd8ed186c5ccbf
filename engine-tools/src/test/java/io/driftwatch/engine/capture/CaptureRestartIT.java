package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.stack.ChildProcess;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.stack.ProcessSpawner;
import io.driftwatch.engine.stack.Signal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the capture process mid-stream, then a restart: every committed change reaches
 * Kafka, and the changes sent twice are recognisable by their (txid, LSN) headers.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureRestartIT {
    private static final String PREFIX = "killit";
    private static final int TRANSACTIONS = 3000;

    @Test
    void killedCaptureLosesNothingAndItsDuplicatesCarryTheSameTxidAndLsn(LocalStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        StackEndpoints.Postgres pg = endpoints.region("us-east-1").postgres();
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE killit_orders (id bigint PRIMARY KEY, amount int NOT NULL)");
            s.execute("CREATE TABLE killit_lines (order_id bigint, line_no int, qty int, PRIMARY KEY (order_id, line_no))");
        }
        Path log = Path.of("target", "killit-capture.log").toAbsolutePath();
        AtomicInteger committed = new AtomicInteger();
        try (ProcessSpawner spawner = new ProcessSpawner()) {
            ChildProcess first = startCapture(spawner, stack, log);
            ChildProcess second = null;
            try {
                CaptureIT.awaitSlotIn(pg, "driftwatch_killit_us_east_1");
                Thread workload = new Thread(() -> runWorkload(pg, committed), "killit-workload");
                workload.start();
                while (committed.get() < TRANSACTIONS / 3) {
                    Thread.sleep(20);
                }
                first.stop(Signal.KILL, Duration.ofSeconds(10));
                int atKill = committed.get();
                second = startCapture(spawner, stack, log);
                workload.join(Duration.ofMinutes(3).toMillis());
                assertThat(committed.get()).as("workload finished").isEqualTo(TRANSACTIONS);
                assertThat(atKill).isLessThan(TRANSACTIONS);

                TopicReader reader = new TopicReader(endpoints.region("us-east-1").kafka().bootstrapServers(),
                        new SchemaRegistryClient(endpoints.registry().url()));
                String orders = PREFIX + ".public.killit_orders";
                String lines = PREFIX + ".public.killit_lines";
                List<TopicReader.Captured> read = reader.readUntil(List.of(orders, lines),
                        all -> distinctIds(all, orders).size() >= TRANSACTIONS && all.stream().filter(r -> r.topic().equals(lines))
                                .map(r -> r.key().toString()).distinct().count() >= 2L * TRANSACTIONS,
                        Duration.ofMinutes(3));

                assertThat(distinctIds(read, orders)).as("every committed order reached Kafka").hasSize(TRANSACTIONS);
                assertThat(read.stream().filter(r -> r.topic().equals(lines)).map(r -> r.key().toString()).distinct().count())
                        .as("every committed line reached Kafka").isEqualTo(2L * TRANSACTIONS);

                // A change sent twice has the same (txid, LSN) and the same content; nothing else repeats. Snapshot
                // reads share the snapshot's txid and LSN, so their key is part of their identity; rows committed
                // while the snapshot started may arrive both as snapshot reads and as streamed inserts.
                List<TopicReader.Captured> streamed = read.stream().filter(r -> !"r".equals(r.op())).toList();
                Map<String, List<TopicReader.Captured>> byPosition = streamed.stream()
                        .collect(Collectors.groupingBy(r -> r.topic() + "/" + r.txId() + "/" + r.lsn() + "/" + r.key()));
                long duplicates = streamed.size() - byPosition.size();
                byPosition.values().stream().filter(l -> l.size() > 1).forEach(same ->
                        assertThat(same).extracting(r -> r.key().toString() + r.after() + CaptureIT.vector(r) + CaptureIT.clock(r))
                                .as("a re-sent change carries the same content, version vector and clock")
                                .containsOnly(same.get(0).key().toString() + same.get(0).after() + CaptureIT.vector(same.get(0))
                                        + CaptureIT.clock(same.get(0))));
                // Each order row changed once (plus, for a few, a snapshot read): its insert is the row's first or
                // second version of us-east-1, also across the restart.
                java.util.Set<Object> snapshotKeys = read.stream().filter(r -> r.topic().equals(orders) && "r".equals(r.op()))
                        .map(r -> r.key().toString()).collect(Collectors.toSet());
                assertThat(streamed.stream().filter(r -> r.topic().equals(orders))).allSatisfy(r -> assertThat(CaptureIT.vector(r))
                        .isEqualTo(io.driftwatch.engine.merge.VersionVector.of("us-east-1", snapshotKeys.contains(r.key().toString()) ? 2 : 1)));
                assertThat(byPosition).hasSize(3 * TRANSACTIONS);
                System.out.printf("capture killed after %d of %d transactions; %d duplicate change(s) re-sent, all identified by (txid, LSN)%n",
                        atKill, TRANSACTIONS, duplicates);
            } finally {
                first.stop(Signal.KILL, Duration.ofSeconds(10));
                if (second != null) {
                    second.stop(Signal.TERM, Duration.ofSeconds(30));
                }
            }
        }
    }

    private static Set<Long> distinctIds(List<TopicReader.Captured> read, String topic) {
        Set<Long> ids = new HashSet<>();
        read.stream().filter(r -> r.topic().equals(topic) && r.after() != null).forEach(r -> ids.add((Long) r.after().get("id")));
        return ids;
    }

    private static ChildProcess startCapture(ProcessSpawner spawner, LocalStack stack, Path log) throws Exception {
        return spawner.spawn("capture", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.driftwatch.engine.cli.DriftwatchCli",
                "run", "--local", "--no-process", "--snapshot-mode", "no_data", "--dir", stack.dir().toString(), "--topic-prefix", PREFIX,
                "--status-interval", "2"),
                ProcessSpawner.Privilege.SAME_USER, log, Map.of());
    }

    private static void runWorkload(StackEndpoints.Postgres pg, AtomicInteger committed) {
        try (Connection c = connect(pg)) {
            c.setAutoCommit(false);
            try (PreparedStatement order = c.prepareStatement("INSERT INTO killit_orders VALUES (?, ?)");
                 PreparedStatement line = c.prepareStatement("INSERT INTO killit_lines VALUES (?, ?, ?)")) {
                for (int i = 1; i <= TRANSACTIONS; i++) {
                    order.setLong(1, i);
                    order.setInt(2, i * 10);
                    order.executeUpdate();
                    for (int n = 1; n <= 2; n++) {
                        line.setLong(1, i);
                        line.setInt(2, n);
                        line.setInt(3, n);
                        line.executeUpdate();
                    }
                    c.commit();
                    committed.incrementAndGet();
                    if (i % 10 == 0) {
                        Thread.sleep(5);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("workload failed after " + committed.get() + " transactions", e);
        }
    }

    static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }
}
