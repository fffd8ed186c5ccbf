package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.failover.MirrorLagProbe;
import io.driftwatch.engine.failover.MirrorSupervisor;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cluster.FlinkClusterConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: every server the pipeline needs, started as child processes of this JVM on
 * free loopback ports, each under its own directory of the stack directory.
 *
 * <p>One JVM owns a stack directory at a time (a file lock says which). Servers start in
 * parallel; the stack is ready only when each answers a real protocol probe. If any server fails
 * to come up, everything already started is stopped again and the error names the server and
 * quotes its log. Data and ports are reused when the same directory is started again.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** With a Flink cluster: how many TaskManagers, and their names' prefix ({@code flink-taskmanager-1}, ...). */
    public static final int TASK_MANAGERS = 2;
    public static final String TASK_MANAGER_PREFIX = "flink-taskmanager-";

    private final StackConfig config;
    private final ProcessSpawner spawner;
    private final List<ManagedServer> servers;
    private final StackEndpoints endpoints;
    private final Map<String, Integer> ports;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Probes probes;
    private volatile boolean closed;
    private final StackUsers users;
    private volatile RegistryGate gate;

    /**
     * Directories whose lock this JVM holds. File locks belong to the whole JVM, so a second
     * {@code tryLock} from the same JVM throws instead of failing, and closing another channel on
     * the file may drop the first lock; this set answers the same-JVM case without touching the
     * file. It mirrors a process-wide fact, hence static.
     */
    /** How long servers of a previous run (whose owner died) may take to finish stopping before they are killed. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);
    private static final java.util.Set<Path> OWNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile MirrorSupervisor supervisor;

    private LocalStack(StackConfig config, ProcessSpawner spawner, List<ManagedServer> servers,
                       StackEndpoints endpoints, Map<String, Integer> ports, FileChannel lockChannel, FileLock lock,
                       Probes probes, StackUsers users) {
        this.users = users;
        this.config = config;
        this.spawner = spawner;
        this.servers = servers;
        this.endpoints = endpoints;
        this.ports = ports;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.probes = probes;
    }

    /** Starts every server and returns once all answer; on failure nothing is left running. */
    public static LocalStack start(StackConfig config) {
        return start(config, progress -> LOG.info(progress));
    }

    public static LocalStack start(StackConfig config, java.util.function.Consumer<String> progress) {
        config.binaries().requireInstalled();
        Path dir = config.dir();
        FileChannel channel = null;
        FileLock lock = null;
        ProcessSpawner spawner = new ProcessSpawner();
        List<ManagedServer> servers = new ArrayList<>();
        boolean owned = false;
        try {
            Files.createDirectories(dir);
            if (!OWNED.add(dir)) {
                throw alreadyRunning(dir);
            }
            owned = true;
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                throw alreadyRunning(dir);
            }
            // The lock is ours, so whoever ran this stack before is gone; its servers may still be stopping.
            StackManifest.read(dir).ifPresent(previous -> Leftovers.stop(dir, previous, LEFTOVER_GRACE, progress));
            StackSecrets secrets = StackSecrets.loadOrGenerate(dir.resolve("secrets.properties"));
            Map<String, Integer> previousPorts = StackManifest.read(dir).map(StackManifest::ports).orElse(Map.of());
            PortAllocator allocator = new PortAllocator();
            Map<String, Integer> ports = new LinkedHashMap<>();
            java.util.function.Function<String, Integer> port = key -> {
                int p = allocator.reuseOrAllocate(previousPorts.get(key));
                ports.put(key, p);
                return p;
            };
            Probes probes = new Probes();
            StackBinaries bin = config.binaries();

            StackUsers.Passwords pass = secrets.users();
            TlsKeys tls = config.secure() ? TlsKeys.ensure(StackUsers.tlsDir(dir), pass.tlsKey(), pass.truststore()) : null;
            Map<String, StackEndpoints.RegionEndpoints> regions = new LinkedHashMap<>();
            Map<String, String> tlsBootstrap = new LinkedHashMap<>();
            for (String region : config.regions()) {
                PostgresServer pg = new PostgresServer(region, dir.resolve("postgres-" + region),
                        port.apply("postgres-" + region), secrets.postgresPassword(), bin.postgresBin(), probes,
                        config.secure() ? pass.postgresMonitor() : null);
                KafkaServer.SecureListeners secure = null;
                if (config.secure()) {
                    secure = new KafkaServer.SecureListeners(port.apply("kafka-" + region + ".scram"), port.apply("kafka-" + region + ".tls"),
                            port.apply("kafka-" + region + ".ssl"), tls.keystore(), pass.tlsKey(), List.of(StackUsers.ENGINE_KAFKA_USER),
                            Map.of(StackUsers.ENGINE_KAFKA_USER, pass.engineKafka(), StackUsers.CONSOLE_KAFKA_USER, pass.consoleKafka()));
                    tlsBootstrap.put(region, "127.0.0.1:" + secure.tlsPort());
                }
                KafkaServer kafka = new KafkaServer(region, dir.resolve("kafka-" + region),
                        port.apply("kafka-" + region), port.apply("kafka-" + region + ".controller"), bin, probes, secure);
                servers.add(pg);
                servers.add(kafka);
                regions.put(region, new StackEndpoints.RegionEndpoints(pg.endpoint(), kafka.endpoint()));
            }
            RegistryServer registry = new RegistryServer(dir.resolve("registry"), port.apply("registry"), bin, probes);
            ClickHouseServer clickhouse = new ClickHouseServer(dir.resolve("clickhouse"), port.apply("clickhouse"),
                    port.apply("clickhouse.tcp"), secrets.clickhousePassword(), bin.clickhouseServer(), probes,
                    config.secure() ? pass.clickhouseConsole() : null);
            ObjectStoreServer s3 = new ObjectStoreServer(dir.resolve("s3"), port.apply("s3"),
                    secrets.s3AccessKey(), secrets.s3SecretKey(), bin, probes);
            servers.add(registry);
            servers.add(clickhouse);
            servers.add(s3);
            StackEndpoints.Flink flink = null;
            if (config.flinkCluster()) {
                FlinkClusterConfig cluster = new FlinkClusterConfig(port.apply(FlinkJobManagerServer.NAME + ".rpc"),
                        port.apply(FlinkJobManagerServer.NAME), port.apply(FlinkJobManagerServer.NAME + ".blob"),
                        new FlinkClusterConfig.S3(s3.endpoint().endpoint(), secrets.s3AccessKey(), secrets.s3SecretKey()),
                        "s3p://" + ObjectStoreServer.BUCKET + "/savepoints");
                FlinkJobManagerServer jobManager = new FlinkJobManagerServer(dir.resolve(FlinkJobManagerServer.NAME), cluster, bin, probes);
                servers.add(jobManager);
                for (int i = 1; i <= TASK_MANAGERS; i++) {
                    String name = TASK_MANAGER_PREFIX + i;
                    servers.add(new FlinkTaskManagerServer(name, dir.resolve(name), port.apply(name), cluster, bin, probes));
                }
                flink = jobManager.endpoint();
            }
            if (regions.size() > 1) {
                Map<String, StackEndpoints.Kafka> kafkaByRegion = new LinkedHashMap<>();
                regions.forEach((region, e) -> kafkaByRegion.put(region, e.kafka()));
                servers.add(new MirrorMakerServer(dir.resolve("mirror"), kafkaByRegion, bin, probes));
            }
            StackEndpoints endpoints = new StackEndpoints(regions, registry.endpoint(), clickhouse.endpoint(), s3.endpoint(), flink);
            int gatePort = config.secure() ? port.apply("registry.gate") : -1;

            LocalStack stack = new LocalStack(config, spawner, servers, endpoints, ports, channel, lock, probes,
                    config.secure() ? new StackUsers(tlsBootstrap, tls.truststore(), "http://127.0.0.1:" + gatePort + RegistryServer.CCOMPAT_PATH,
                            pass) : null);
            stack.writeManifest(StackManifest.State.STARTING);
            stack.startAll(progress);
            if (config.secure()) {
                stack.gate = RegistryGate.start(gatePort, registry.port(), Map.of(
                        StackUsers.ENGINE_REGISTRY_USER, Map.entry(pass.registryEngine(), RegistryGate.WRITER),
                        StackUsers.CONSOLE_REGISTRY_USER, Map.entry(pass.registryConsole(), RegistryGate.READER)));
                progress.accept("registry login on 127.0.0.1:" + gatePort + " (HTTP Basic in front of the registry)");
            }
            stack.writeManifest(StackManifest.State.READY);
            stack.superviseMirror();
            return stack;
        } catch (Exception e) {
            stopAll(servers);
            spawner.close();
            releaseQuietly(lock, channel);
            if (owned) {
                OWNED.remove(dir);
            }
            if (e instanceof StackException se) {
                throw se;
            }
            throw new StackException("cannot start the local stack in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static StackException alreadyRunning(Path dir) {
        return new StackException("the stack in " + dir + " is already running; use 'driftwatch stack status --dir "
                + dir + "' or 'driftwatch stack down --dir " + dir + "'");
    }

    private void startAll(java.util.function.Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), r -> {
            Thread t = new Thread(r, "driftwatch-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            // MirrorMaker connects to every broker at start-up, so it starts once they answer.
            for (boolean mirrors : new boolean[] {false, true}) {
                List<CompletableFuture<Void>> all = servers.stream()
                        .filter(server -> (server instanceof MirrorMakerServer) == mirrors)
                        .map(server -> CompletableFuture.runAsync(() -> startOne(server, progress), pool))
                        .toList();
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new StackException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void startOne(ManagedServer server, java.util.function.Consumer<String> progress) {
        long begin = System.nanoTime();
        try {
            progress.accept("starting " + server.name() + " on 127.0.0.1:" + server.port());
            server.start(spawner);
            writeManifestQuietly(StackManifest.State.STARTING);
            long deadline = begin + config.startTimeout().toNanos();
            while (!server.answers()) {
                ChildProcess process = server.process();
                if (!process.isAlive()) {
                    throw new StackException(server.name() + " exited during start-up; last lines of "
                            + process.log() + ":\n" + process.tail(25));
                }
                if (System.nanoTime() > deadline) {
                    throw new StackException(server.name() + " did not answer within "
                            + config.startTimeout().toSeconds() + " s; last lines of " + process.log() + ":\n"
                            + process.tail(25));
                }
                Thread.sleep(200);
            }
            server.afterReady();
            progress.accept(String.format("%s up in %.1f s", server.name(), (System.nanoTime() - begin) / 1e9));
        } catch (IOException e) {
            throw new StackException(server.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting " + server.name(), e);
        }
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    /** A secured stack's listeners and users ({@link StackConfig#secure}); empty for a plaintext one. */
    public Optional<StackUsers> users() {
        return Optional.ofNullable(users);
    }

    /**
     * Grants the console's Kafka user its ACLs for the pipeline {@code topicPrefix} in every region
     * ({@link io.driftwatch.engine.access.ConsoleGrants}); with {@code commands} false, without
     * the command topic: a console that watches only. Granting again changes nothing.
     *
     * @throws StackException for a stack that is not secured, or a broker that refuses
     */
    public void grantConsole(String topicPrefix, boolean commands) {
        if (users == null) {
            throw new StackException("the stack in " + config.dir() + " is not secured: its Kafka authorizes nothing (start it with --secure)");
        }
        StackUsers.grantConsole(endpoints, topicPrefix, commands);
    }

    public Path dir() {
        return config.dir();
    }

    /** The process of one server, for fault injection and status; empty for an unknown name. */
    public Optional<ChildProcess> process(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).map(ManagedServer::process).findFirst();
    }

    /**
     * Kills one server with SIGKILL, as a crash would, and waits until it is gone: what fault and
     * failover tests do to a broker or a database.
     */
    public synchronized void kill(String serverName) {
        stop(serverName, Signal.KILL);
    }

    /**
     * Stops one server with {@code signal} ({@link Signal#KILL} for a crash), leaving it down
     * until {@link #restart}; returns how long it took to exit. For fault drills: the rest of the
     * stack keeps running.
     */
    public synchronized Duration stop(String serverName, Signal signal) {
        ManagedServer server = server(serverName);
        long begin = System.nanoTime();
        ChildProcess process = server.process();
        if (process != null && !process.stop(signal, server.stopGrace())) {
            LOG.warn("{} did not stop within {} s and was killed", serverName, server.stopGrace().toSeconds());
        }
        writeManifestQuietly(StackManifest.State.READY);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /**
     * Starts one server again, as a supervisor restarts a crashed process, on its port and data,
     * and returns once it answers its probe, with the time it took; a server still running is
     * stopped first.
     */
    public Duration restart(String serverName) {
        return restart(serverName, progress -> LOG.info(progress));
    }

    public synchronized Duration restart(String serverName, java.util.function.Consumer<String> progress) {
        if (closed) {
            throw new StackException("the stack in " + config.dir() + " is stopped; " + serverName + " is not restarted");
        }
        ManagedServer server = server(serverName);
        ChildProcess previous = server.process();
        if (previous != null && previous.isAlive()) {
            stop(serverName, server.stopSignal());
        }
        long begin = System.nanoTime();
        startOne(server, progress);
        writeManifestQuietly(StackManifest.State.READY);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private ManagedServer server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst()
                .orElseThrow(() -> new StackException("no server named " + serverName + " in this stack; servers: " + serverNames()));
    }

    public List<String> serverNames() {
        return servers.stream().map(ManagedServer::name).toList();
    }

    /** Each server's process, port, probe result and data size, probed now. */
    public List<ServerStatus> status() {
        return StackInspector.status(manifest(StackManifest.State.READY), probes);
    }

    private StackManifest manifest(StackManifest.State state) {
        List<StackManifest.ServerRecord> records = new ArrayList<>();
        for (ManagedServer server : servers) {
            ChildProcess process = server.process();
            records.add(new StackManifest.ServerRecord(server.name(), kindOf(server), server.region(),
                    process == null ? -1 : process.pid(), server.port(), server.home().toString()));
        }
        return new StackManifest(state, ProcessHandle.current().pid(), records, new HashMap<>(ports), endpoints);
    }

    private static StackManifest.Kind kindOf(ManagedServer server) {
        if (server instanceof PostgresServer) return StackManifest.Kind.POSTGRES;
        if (server instanceof KafkaServer) return StackManifest.Kind.KAFKA;
        if (server instanceof RegistryServer) return StackManifest.Kind.REGISTRY;
        if (server instanceof ClickHouseServer) return StackManifest.Kind.CLICKHOUSE;
        if (server instanceof MirrorMakerServer) return StackManifest.Kind.MIRROR;
        if (server instanceof FlinkJobManagerServer) return StackManifest.Kind.FLINK_JOBMANAGER;
        if (server instanceof FlinkTaskManagerServer) return StackManifest.Kind.FLINK_TASKMANAGER;
        return StackManifest.Kind.S3;
    }

    private synchronized void writeManifest(StackManifest.State state) throws IOException {
        manifest(state).write(config.dir());
    }

    private void writeManifestQuietly(StackManifest.State state) {
        try {
            writeManifest(state);
        } catch (IOException e) {
            LOG.warn("cannot record the stack state in {}: {}", config.dir(), e.getMessage());
        }
    }

    /** Stops every server cleanly (each with its own shutdown signal), then releases the directory. */
    /**
     * With MirrorMaker 2 in the stack, watches its flows and restarts it when one stalls
     * ({@link MirrorSupervisor}); what it sees and does goes to {@code mirror/flows.json}.
     */
    private void superviseMirror() {
        if (servers.stream().noneMatch(s -> s instanceof MirrorMakerServer)) {
            return;
        }
        ManagedServer mirror = server("mirror");
        supervisor = new MirrorSupervisor(MirrorLagProbe.everyMirroredTopic(endpoints), () -> restart("mirror"),
                MirrorSupervisor.defaultBackoff(), mirrorFlowsFile(config.dir()), LOG::warn, java.time.Clock.systemUTC()).start();
        LOG.debug("supervising {}: its flows are judged every 2 s", mirror.name());
    }

    /** Where the supervisor of MirrorMaker 2 records its flows and restarts. */
    public static Path mirrorFlowsFile(Path stackDir) {
        return stackDir.resolve("mirror").resolve("flows.json");
    }

    /** What the supervisor of MirrorMaker 2 last saw and did; empty with one region. */
    public Optional<MirrorSupervisor.State> mirrorFlows() {
        MirrorSupervisor s = supervisor;
        return s == null ? Optional.empty() : Optional.of(s.state());
    }

    @Override
    public void close() {
        // Outside the lock: the supervisor may be restarting MirrorMaker 2 under it.
        MirrorSupervisor s = supervisor;
        if (s != null) {
            s.close();
        }
        closeServers();
    }

    private synchronized void closeServers() {
        if (closed) {
            return;
        }
        closed = true;
        if (gate != null) {
            gate.close();
        }
        writeManifestQuietly(StackManifest.State.STOPPING);
        stopAll(servers);
        writeManifestQuietly(StackManifest.State.STOPPED);
        spawner.close();
        releaseQuietly(lock, lockChannel);
        OWNED.remove(config.dir());
    }

    private static void stopAll(List<ManagedServer> servers) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ManagedServer server : servers) {
            ChildProcess process = server.process();
            if (process != null) {
                stops.add(CompletableFuture.runAsync(() -> {
                    if (!process.stop(server.stopSignal(), server.stopGrace())) {
                        LOG.warn("{} did not stop within {} s and was killed", server.name(), server.stopGrace().toSeconds());
                    }
                }));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the stack lock: {}", e.getMessage());
        }
    }

    /** Used by tests and the CLI: how long a clean stop of every server may take in the worst case. */
    static Duration worstCaseStop() {
        return Duration.ofSeconds(45);
    }
}
