package io.driftwatch.engine.failover;

import io.driftwatch.engine.postgres.PostgresConnections;

import io.driftwatch.engine.naming.PipelineNames;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.lag.VisiblePositions;
import io.driftwatch.engine.cluster.CheckpointLocator;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewLayout;
import io.driftwatch.engine.health.Probes;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processing job in one region at a time and moves it: on its own when the active
 * region's Kafka stops answering for longer than the detection timeout (failover), or on an
 * operator's command (failover to a region, failback to the primary).
 *
 * <p>A move cancels the job, restores its newest checkpoint with every source reading the new
 * region's cluster — its own topics and MirrorMaker 2's copies of the others' — from the places
 * {@link ResumePlanner} finds for the checkpoint's positions, and records the move's figures:
 * detection time, time until the views advanced again, the transactions committed but not
 * visible at the failure and whether all of them arrived, and the duplicates absorbed.
 */
public final class RegionFailover implements io.driftwatch.engine.api.RegionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegionFailover.class);
    private static final Pattern CHECKPOINT = Pattern.compile(".*/([0-9a-f]{32})/chk-(\\d+)/?$");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private final JobStarter starter;
    private final String primary;
    private final Map<String, RegionSource> sources;
    private final StackEndpoints.ClickHouse clickhouse;
    private final Duration detectionTimeout;
    private final Consumer<String> progress;
    private final FailoverLog log;
    private final VisiblePositions visible;
    /** Wall-clock times of failures, detections and arrivals; waits use the monotonic clock. */
    private final Clock clock = Clock.systemUTC();
    private final Probes probes = new Probes();
    private volatile JobSettings settings;
    private volatile JobClient job;
    private volatile Thread watcher;
    private volatile boolean closed;
    /** When the move under way began (wall clock), or -1 while none is. */
    private volatile long movingSinceMs = -1;
    private final List<Thread> arrivals = new ArrayList<>();
    /** Each replaced job's duplicate count, read just before it was cancelled: its metrics go with it. */
    private final Map<String, Long> finalDuplicates = new java.util.concurrent.ConcurrentHashMap<>();

    private RegionFailover(JobSettings settings, JobStarter starter, String primary, Map<String, RegionSource> sources,
                           StackEndpoints.ClickHouse clickhouse, Duration detectionTimeout, Consumer<String> progress) {
        this.settings = settings;
        this.starter = starter;
        this.primary = primary;
        this.sources = Map.copyOf(sources);
        this.clickhouse = clickhouse;
        this.detectionTimeout = detectionTimeout;
        this.progress = progress;
        ClickHouseHttp http = new ClickHouseHttp(clickhouse.url(), clickhouse.user(), clickhouse.password());
        this.log = new FailoverLog(http, settings.clickhouse().database());
        this.visible = new VisiblePositions(clickhouse, settings.clickhouse().database());
    }

    /**
     * Starts the job reading from {@code primary}'s cluster (restored from {@code restoreFrom} when
     * given) and, when {@code detectionTimeout} is positive, watches that cluster's health.
     */
    public static RegionFailover start(JobSettings base, JobStarter starter, String primary, Map<String, RegionSource> sources,
                                       StackEndpoints.ClickHouse clickhouse, Duration detectionTimeout, String restoreFrom,
                                       Consumer<String> progress) throws Exception {
        return start(base, starter, primary, primary, sources, clickhouse, detectionTimeout, restoreFrom, progress);
    }

    /**
     * As above, but starting in {@code startIn}: the region a previous run left processing in
     * ({@link FailoverLog#activeRegion()}), so a restart does not move it back to the primary
     * behind the operator's back — and the restored sources find their state under the same
     * cluster.
     */
    public static RegionFailover start(JobSettings base, JobStarter starter, String primary, String startIn, Map<String, RegionSource> sources,
                                       StackEndpoints.ClickHouse clickhouse, Duration detectionTimeout, String restoreFrom,
                                       Consumer<String> progress) throws Exception {
        RegionFailover failover = new RegionFailover(base.withSourcing(JobSettings.Sourcing.mirrored(startIn)), starter, primary,
                sources, clickhouse, detectionTimeout, progress);
        io.driftwatch.engine.process.JobTopics.ensureEverywhere(failover.settings);
        failover.job = starter.start(failover.settings, restoreFrom);
        if (!detectionTimeout.isZero()) {
            failover.watch();
        }
        return failover;
    }

    @Override
    public List<String> regions() {
        return settings.kafkaByRegion().keySet().stream().sorted(io.driftwatch.engine.naming.Regions.PRIMARY_FIRST).toList();
    }

    @Override
    public String activeRegion() {
        return settings.sourcing().activeRegion();
    }

    @Override
    public String primaryRegion() {
        return primary;
    }

    public JobClient job() {
        return job;
    }

    /** The settings of the job running now (its sourcing names the active region). */
    public JobSettings settings() {
        return settings;
    }

    /** When the move under way began (wall clock), or -1 while processing stays where it is. */
    public long movingSinceMs() {
        return movingSinceMs;
    }

    /** How long the active region's Kafka may not answer before processing moves on its own; zero: only on a command. */
    public Duration detectionTimeout() {
        return detectionTimeout;
    }

    @Override
    public List<FailoverFigures> figures() {
        return log.read();
    }

    /** Moves processing to {@code region} on an operator's command. */
    @Override
    public synchronized FailoverFigures failover(String region) throws Exception {
        return move(region, "command", clock.millis(), clock.millis());
    }

    /** Moves processing back to the primary region on an operator's command, once its Kafka answers again. */
    @Override
    public synchronized FailoverFigures failback() throws Exception {
        if (!healthy(primary)) {
            throw new IllegalStateException("the primary region " + primary + "'s Kafka does not answer yet; fail back once it does");
        }
        return move(primary, "command", clock.millis(), clock.millis());
    }

    /**
     * Fails back once the primary's Kafka answers again, trying every second for up to
     * {@code timeout}: a restarted broker takes a while to accept clients.
     */
    public FailoverFigures failbackWhenReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return failback();
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(1000);
            }
        }
    }

    private void watch() {
        Thread t = new Thread(() -> {
            FailureDetector detector = new FailureDetector(detectionTimeout.toMillis());
            String watched = activeRegion();
            while (!closed) {
                try {
                    if (!watched.equals(activeRegion())) {
                        watched = activeRegion();
                        detector = new FailureDetector(detectionTimeout.toMillis());
                    }
                    long now = clock.millis();
                    if (detector.probed(healthy(watched), now)) {
                        String to = otherHealthyRegion(watched);
                        if (to == null) {
                            progress.accept("the active region " + watched + "'s Kafka is down and no other region answers; waiting");
                        } else {
                            progress.accept("the active region " + watched + "'s Kafka has not answered for "
                                    + detectionTimeout.toSeconds() + " s: failing over to " + to);
                            synchronized (this) {
                                move(to, "health", detector.failingSince(), now);
                            }
                        }
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    LOG.error("failover attempt failed; retrying while the region stays down", e);
                    progress.accept("failover attempt failed: " + e.getMessage());
                    detector = new FailureDetector(detectionTimeout.toMillis());
                }
            }
        }, "driftwatch-failover-watch");
        t.setDaemon(true);
        watcher = t;
        t.start();
    }

    private String otherHealthyRegion(String failed) {
        return settings.kafkaByRegion().keySet().stream().sorted().filter(r -> !r.equals(failed)).filter(this::healthy)
                .findFirst().orElse(null);
    }

    private boolean healthy(String region) {
        return probes.kafka(new StackEndpoints.Kafka(settings.kafkaByRegion().get(region), settings.kafkaSecurity(region)));
    }

    private FailoverFigures move(String to, String trigger, long failedAt, long detectedAt) throws Exception {
        movingSinceMs = clock.millis();
        try {
            return moveNow(to, trigger, failedAt, detectedAt);
        } finally {
            movingSinceMs = -1;
        }
    }

    private FailoverFigures moveNow(String to, String trigger, long failedAt, long detectedAt) throws Exception {
        String from = activeRegion();
        String kind = MovePlan.kind(from, to, primary, settings.kafkaByRegion().keySet());
        progress.accept(kind + " from " + from + " to " + to + " (" + trigger + ")");
        // A failed region's originals cannot be read: its share of the copies cannot be measured then.
        String incompleteCopies = trigger.equals("health") ? "not measured (" + from + "'s Kafka does not answer)" : incompleteCopies(to);
        if (incompleteCopies != null && !trigger.equals("health")) {
            progress.accept("warning: the " + kind + " to " + to + " rests on incomplete copies: " + incompleteCopies
                    + "; the views show that data only as far as the copies reach until they catch up");
        }
        Map<String, Long> visibleAtFailure = visible.read();
        Map<String, Long> sourceAtFailure = sourcePositions();

        cancel();
        // Without a completed checkpoint the job starts afresh and reads everything again: slow, not wrong.
        String checkpoint = CheckpointLocator.latest(settings).orElse(null);
        List<RecordedPosition> positions = checkpoint == null ? List.of() : positionsOf(checkpoint);
        MovePlan plan = MovePlan.of(from, to, primary, settings.kafkaByRegion().keySet(), trigger, placements(positions, to));
        Map<String, Integer> methods = plan.methods();
        progress.accept((checkpoint == null ? "no checkpoint completed yet: starting afresh" : "resuming from " + checkpoint)
                + " with " + plan.partitions() + " partitions placed " + methods);
        JobSettings next = settings.withSourcing(new JobSettings.Sourcing(to, plan.offsets()));
        awaitRestPortFree(next.restPort());
        settings = next;
        job = starter.start(next, checkpoint);

        FailoverFigures figures = new FailoverFigures(UUID.randomUUID().toString(), kind, from, to, trigger, failedAt,
                detectedAt - failedAt, -1, null, null, -1, 0, methods, checkpoint, incompleteCopies);
        log.record(figures);
        long rto = awaitResumed(visibleAtFailure, failedAt);
        figures = figures.resumed(rto);
        log.record(figures);
        progress.accept(kind + " to " + to + ": detection " + figures.detectionMillis() + " ms, views advancing again after "
                + (rto < 0 ? "(not within 2 min)" : rto + " ms"));
        awaitArrivalInBackground(figures, visibleAtFailure, sourceAtFailure);
        return figures;
    }

    /**
     * How far MirrorMaker 2's copies in {@code to} of the other regions' topics trail their
     * originals now, in words, or null when every copy has its original's newest record. Processing
     * in {@code to} reads those copies; a region that does not answer cannot be measured (during a
     * failover, the failed one), which is said too.
     */
    private String incompleteCopies(String to) {
        try (MirrorLagProbe probe = new MirrorLagProbe(settings.kafkaByRegion(), securityByRegion(), settings.topicPrefix())) {
            io.driftwatch.engine.api.ReplicationProbe.Result r = probe.probe();
            List<String> out = new ArrayList<>();
            Map<String, long[]> behind = new TreeMap<>();
            for (io.driftwatch.engine.api.ReplicationLag p : r.partitions()) {
                if (p.toRegion().equals(to) && p.lagMillis() != 0) {
                    long[] b = behind.computeIfAbsent(p.fromRegion(), k -> new long[2]);
                    b[0] += p.lagRecords();
                    b[1] = Math.max(b[1], p.lagMillis());
                }
            }
            behind.forEach((from, b) -> out.add(String.format("%s's copy of %s is %,d records / %.1f s behind", to, from, b[0], b[1] / 1000.0)));
            r.problems().forEach(problem -> out.add("not measured (" + problem + ")"));
            return out.isEmpty() ? null : String.join("; ", out);
        } catch (RuntimeException e) {
            return "not measured (" + e.getMessage() + ")";
        }
    }

    private void cancel() throws Exception {
        JobClient current = job;
        if (current == null) {
            return;
        }
        String id = current.getJobID().toHexString();
        finalDuplicates.put(id, duplicates().of(id, Duration.ofSeconds(5)));
        try {
            current.cancel().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("cancelling the job: {}", e.getMessage());
        }
        try {
            current.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Cancelled jobs complete exceptionally; waiting is what matters.
        }
    }

    private List<RecordedPosition> positionsOf(String checkpoint) {
        Matcher m = CHECKPOINT.matcher(checkpoint);
        if (!m.matches()) {
            throw new IllegalStateException("cannot tell job and checkpoint from " + checkpoint);
        }
        ClickHouseHttp http = new ClickHouseHttp(clickhouse.url(), clickhouse.user(), clickhouse.password());
        List<RecordedPosition> positions = new ArrayList<>();
        // Per partition, its place in the newest checkpoint at or below the restored one that
        // recorded it: an older place is still a safe one (everything after it is read again).
        for (var row : http.query("SELECT data_region, cluster_region, topic, partition,"
                + " toString(argMax(next_offset, checkpoint)) AS next_offset, toString(argMax(last_ts, checkpoint)) AS last_ts"
                + " FROM " + ViewLayout.q(settings.clickhouse().database()) + ".`_source_positions`"
                + " WHERE job = '" + m.group(1) + "' AND checkpoint <= " + Long.parseLong(m.group(2))
                + " GROUP BY data_region, cluster_region, topic, partition")) {
            positions.add(new RecordedPosition(row.get("data_region").asText(), row.get("cluster_region").asText(),
                    row.get("topic").asText(), row.get("partition").asInt(), Long.parseLong(row.get("next_offset").asText()),
                    Long.parseLong(row.get("last_ts").asText())));
        }
        return positions;
    }

    private List<Placement> placements(List<RecordedPosition> positions, String to) {
        String group = JobSettings.consumerGroup(settings.topicPrefix());
        Map<String, NavigableMap<Long, Long>> checkpoints = new HashMap<>();
        Map<String, NavigableMap<Long, Long>> syncs;
        Map<String, Long> byTime;
        try (MirrorOffsets target = new MirrorOffsets(settings.kafkaByRegion().get(to), securityByRegion().get(to), CLIENT_TIMEOUT)) {
            for (String region : settings.kafkaByRegion().keySet()) {
                if (!region.equals(to)) {
                    checkpoints.putAll(target.checkpoints(region, group));
                }
            }
            Map<String, NavigableMap<Long, Long>> all = new HashMap<>();
            for (String region : settings.kafkaByRegion().keySet()) {
                if (!region.equals(to)) {
                    all.putAll(target.syncsByDownstream(region));
                }
            }
            syncs = all;
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            for (RecordedPosition p : positions) {
                timestamps.put(new TopicPartition(p.topicIn(to), p.partition()), p.lastTimestamp());
            }
            byTime = target.offsetsForTimes(timestamps);
        }
        return ResumePlanner.plan(positions, to, checkpoints, syncs, byTime);
    }

    /** The old job's MiniCluster releases the REST port as it shuts down; the new one binds it. */
    private static void awaitRestPortFree(int port) throws InterruptedException {
        if (port == 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
    }

    /** The views advance again: some region's visible position passes where it stood at the failure. */
    private long awaitResumed(Map<String, Long> before, long failedAt) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && !closed) {
            Map<String, Long> now = visible.read();
            for (Map.Entry<String, Long> e : now.entrySet()) {
                if (e.getValue() > before.getOrDefault(e.getKey(), 0L)) {
                    return clock.millis() - failedAt;
                }
            }
            Thread.sleep(50);
        }
        return -1;
    }

    /** Per region, the source's WAL position now: every transaction committed so far is at or below it. */
    private Map<String, Long> sourcePositions() {
        Map<String, Long> out = new HashMap<>();
        for (RegionSource source : sources.values()) {
            try (Connection c = connect(source.postgres()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (pg_current_wal_lsn() - '0/0')::bigint")) {
                rs.next();
                out.put(source.region(), rs.getLong(1));
            } catch (Exception e) {
                LOG.warn("cannot read {}'s WAL position: {}", source.region(), e.getMessage());
            }
        }
        return out;
    }

    private static long confirmed(RegionSource source) throws Exception {
        try (Connection c = connect(source.postgres());
             PreparedStatement s = c.prepareStatement(
                     "SELECT (confirmed_flush_lsn - '0/0')::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, source.slotName());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static Connection connect(StackEndpoints.Postgres pg) throws Exception {
        return PostgresConnections.open(pg, "driftwatch-failover");
    }

    /**
     * Waits, in the background, until every transaction committed before the failure is visible:
     * the capture has confirmed the source's WAL up to the failure's position (so all of them are
     * in Kafka), and the visible position has reached the newest of them. Then records how many
     * there were and the duplicates absorbed.
     */
    private DuplicateCount duplicates() {
        return new DuplicateCount(new io.driftwatch.engine.cluster.FlinkClusterClient("http://127.0.0.1:" + settings.restPort()));
    }

    private void awaitArrivalInBackground(FailoverFigures figures, Map<String, Long> visibleAt, Map<String, Long> sourceAt) {
        String movedJob = job.getJobID().toHexString();
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            FailoverFigures current = figures;
            try {
                while (!closed && System.nanoTime() < deadline) {
                    Map<String, Long> pending = new HashMap<>();
                    boolean all = true;
                    Map<String, Long> visibleNow = visible.read();
                    for (RegionSource source : sources.values()) {
                        String region = source.region();
                        Long lsn = sourceAt.get(region);
                        if (lsn == null) {
                            all = false;
                            continue;
                        }
                        long v = visibleAt.getOrDefault(region, 0L);
                        List<Long> commits = CommitLog.commits(settings.kafkaByRegion().get(activeRegion()),
                                settings.kafkaSecurity(activeRegion()), transactionTopicOf(region), figures.failedAtMillis() - TimeUnit.MINUTES.toMillis(5), CLIENT_TIMEOUT);
                        List<Long> missed = commits.stream().filter(c -> c > v && c <= lsn).distinct().toList();
                        pending.put(region, (long) missed.size());
                        long newest = missed.stream().mapToLong(Long::longValue).max().orElse(0);
                        if (confirmed(source) < lsn || visibleNow.getOrDefault(region, 0L) < newest) {
                            all = false;
                        }
                    }
                    if (all) {
                        // The duplicates of the job this move started, whether it still runs or a later move replaced it.
                        long duplicates = finalDuplicates.containsKey(movedJob) ? finalDuplicates.get(movedJob)
                                : duplicates().of(movedJob, Duration.ofSeconds(30));
                        current = current.arrived(pending, true, clock.millis(), duplicates);
                        log.record(current);
                        progress.accept(current.kind() + " to " + current.to() + ": all " + current.pendingTotal()
                                + " transactions pending at the failure are visible; " + duplicates + " duplicates absorbed");
                        return;
                    }
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("checking that the pending transactions arrived: {}", e.getMessage());
            }
            if (!closed) {
                log.record(current.arrived(current.pendingTransactions(), false, -1, current.duplicatesAbsorbed()));
            }
        }, "driftwatch-failover-arrival");
        t.setDaemon(true);
        synchronized (arrivals) {
            arrivals.add(t);
        }
        t.start();
    }

    private String transactionTopicOf(String region) {
        String topic = settings.transactionTopic();
        return region.equals(activeRegion()) ? topic : PipelineNames.remoteTopic(region, topic);
    }

    @Override
    public void close() throws Exception {
        closed = true;
        Thread w = watcher;
        if (w != null) {
            w.interrupt();
            w.join(5000);
        }
        synchronized (arrivals) {
            arrivals.forEach(Thread::interrupt);
        }
        cancel();
    }

    /** Each region's Kafka client security, as the job's settings hold it. */
    private Map<String, io.driftwatch.engine.transport.KafkaSecurity> securityByRegion() {
        Map<String, io.driftwatch.engine.transport.KafkaSecurity> security = new java.util.HashMap<>();
        settings.kafkaByRegion().keySet().forEach(r -> security.put(r, settings.kafkaSecurity(r)));
        return security;
    }
}
