package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cluster.FlinkClusterConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JobManager of the standalone Flink session cluster: Flink's
 * {@code StandaloneSessionClusterEntrypoint} in its own JVM, with the REST API (the port its
 * clients use) on loopback. It answers once its REST API reports the cluster's overview.
 */
final class FlinkJobManagerServer implements ManagedServer {
    static final String NAME = "flink-jobmanager";

    private final Path home;
    private final FlinkClusterConfig cluster;
    private final StackBinaries binaries;
    private final Probes probes;
    private ChildProcess process;

    FlinkJobManagerServer(Path home, FlinkClusterConfig cluster, StackBinaries binaries, Probes probes) {
        this.home = home;
        this.cluster = cluster;
        this.binaries = binaries;
        this.probes = probes;
    }

    StackEndpoints.Flink endpoint() {
        return new StackEndpoints.Flink("http://127.0.0.1:" + cluster.restPort());
    }

    @Override public String name() { return NAME; }
    @Override public String region() { return null; }
    @Override public int port() { return cluster.restPort(); }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        process = spawner.spawn(name(), FlinkProcesses.command(binaries, home, cluster.jobManager(home),
                        FlinkClusterConfig.jobManagerJvm(), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", logFile()),
                ProcessSpawner.Privilege.SAME_USER, logFile(), FlinkProcesses.environment());
    }

    @Override
    public boolean answers() {
        return probes.flinkJobManager(endpoint());
    }
}
