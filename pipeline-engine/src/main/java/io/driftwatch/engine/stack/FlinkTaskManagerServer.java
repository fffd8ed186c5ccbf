package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cluster.FlinkClusterConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A TaskManager of the standalone Flink session cluster: Flink's {@code TaskManagerRunner} in its
 * own JVM, registered with the JobManager under its name and start time as resource id. It
 * answers once the JobManager's REST API lists that id, i.e. once this process's slots can run
 * tasks. Why a new id per start: after a crash the JobManager still lists the dead process for a
 * heartbeat timeout; under the same id a restarted one would look ready before it registered.
 */
final class FlinkTaskManagerServer implements ManagedServer {
    private final String name;
    private final Path home;
    private final int rpcPort;
    private final FlinkClusterConfig cluster;
    private final StackBinaries binaries;
    private final Probes probes;
    private ChildProcess process;
    private volatile String resourceId;

    FlinkTaskManagerServer(String name, Path home, int rpcPort, FlinkClusterConfig cluster, StackBinaries binaries, Probes probes) {
        this.name = name;
        this.home = home;
        this.rpcPort = rpcPort;
        this.cluster = cluster;
        this.binaries = binaries;
        this.probes = probes;
    }

    @Override public String name() { return name; }
    @Override public String region() { return null; }
    @Override public int port() { return rpcPort; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        resourceId = name + "-" + System.currentTimeMillis();
        process = spawner.spawn(name, FlinkProcesses.command(binaries, home, cluster.taskManager(home, resourceId, rpcPort),
                        FlinkClusterConfig.taskManagerJvm(), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", logFile()),
                ProcessSpawner.Privilege.SAME_USER, logFile(), FlinkProcesses.environment());
    }

    @Override
    public boolean answers() {
        return probes.flinkTaskManager(new StackEndpoints.Flink("http://127.0.0.1:" + cluster.restPort()), resourceId);
    }
}
