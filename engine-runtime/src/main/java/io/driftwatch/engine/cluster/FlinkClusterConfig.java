package io.driftwatch.engine.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a standalone Flink session cluster on loopback: what its JobManager and
 * TaskManagers write to their {@code config.yaml}, and the JVM options that match it.
 *
 * <p>Why every memory size is spelled out: Flink's start scripts compute a TaskManager's memory
 * budget and pass it in; a TaskManager started directly must be given each part or it refuses to
 * start. Why the short heartbeat: on loopback a lost TaskManager is a dead process, and the job
 * should start recovering within seconds, not after Flink's 50 s default.
 *
 * @param jobManagerRpcPort the JobManager's RPC port
 * @param restPort the REST API and web UI
 * @param blobPort the JobManager's blob server (job jars reach TaskManagers through it)
 * @param s3 the S3-compatible store the cluster checkpoints to: its filesystem gets these keys
 * @param savepointDir where stop-with-savepoint writes when the caller names no directory
 */
public record FlinkClusterConfig(int jobManagerRpcPort, int restPort, int blobPort, S3 s3, String savepointDir) {
    /** Task slots per TaskManager: two TaskManagers run a job at parallelism 4. */
    public static final int SLOTS_PER_TASK_MANAGER = 2;

    public record S3(String endpoint, String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "S3[" + endpoint + ", accessKey=" + accessKey + ", secretKey=****]";
        }
    }

    /** What every process of the cluster shares. */
    Map<String, String> common(Path home) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(jobManagerRpcPort));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("blob.server.port", Integer.toString(blobPort));
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS_PER_TASK_MANAGER));
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "10000");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "1000000");
        c.put("restart-strategy.fixed-delay.delay", "2 s");
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.savepoint-dir", savepointDir);
        c.put("s3.endpoint", s3.endpoint());
        c.put("s3.access-key", s3.accessKey());
        c.put("s3.secret-key", s3.secretKey());
        c.put("s3.path.style.access", "true");
        c.put("io.tmp.dirs", home.resolve("tmp").toString());
        return c;
    }

    /** The JobManager's configuration; uploaded jars live under its home. */
    public Map<String, String> jobManager(Path home) {
        Map<String, String> c = common(home);
        c.put("web.upload.dir", home.resolve("uploads").toString());
        c.put("web.tmpdir", home.resolve("web").toString());
        c.put("jobmanager.memory.process.size", "1024m");
        return c;
    }

    /** A TaskManager's configuration, named {@code resourceId} in the REST API. */
    public Map<String, String> taskManager(Path home, String resourceId, int rpcPort) {
        Map<String, String> c = common(home);
        c.put("taskmanager.resource-id", resourceId);
        c.put("taskmanager.rpc.port", Integer.toString(rpcPort));
        c.put("taskmanager.cpu.cores", Integer.toString(SLOTS_PER_TASK_MANAGER));
        c.put("taskmanager.memory.framework.heap.size", "128m");
        c.put("taskmanager.memory.task.heap.size", "384m");
        c.put("taskmanager.memory.framework.off-heap.size", "128m");
        c.put("taskmanager.memory.task.off-heap.size", "0m");
        c.put("taskmanager.memory.network.min", "64m");
        c.put("taskmanager.memory.network.max", "64m");
        c.put("taskmanager.memory.managed.size", "256m");
        c.put("taskmanager.memory.jvm-metaspace.size", "256m");
        c.put("taskmanager.memory.jvm-overhead.min", "192m");
        c.put("taskmanager.memory.jvm-overhead.max", "192m");
        return c;
    }

    /** JVM options matching {@link #jobManager}. */
    public static List<String> jobManagerJvm() {
        return jvm("-Xms512m", "-Xmx512m", "-XX:MaxMetaspaceSize=256m");
    }

    /** JVM options matching {@link #taskManager}: heap = framework + task heap; direct = off-heap + network. */
    public static List<String> taskManagerJvm() {
        return jvm("-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=256m");
    }

    private static List<String> jvm(String... memory) {
        List<String> options = new ArrayList<>(List.of(memory));
        options.add("-XX:+UseG1GC");
        options.add("-Djava.awt.headless=true");
        // What Flink's own scripts open on Java 17 for Kryo and its serializers.
        for (String pkg : List.of("java.base/java.lang", "java.base/java.util", "java.base/java.net", "java.base/java.io",
                "java.base/java.nio", "java.base/sun.nio.ch", "java.base/java.lang.reflect", "java.base/java.text", "java.base/java.time",
                "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic", "java.base/java.util.concurrent.locks")) {
            options.add("--add-opens=" + pkg + "=ALL-UNNAMED");
        }
        return options;
    }

    /** {@code config.yaml} text: one flat key per line, every value a quoted string. */
    public static String yaml(Map<String, String> config) {
        StringBuilder b = new StringBuilder("# Written by Driftwatch for this process; rewritten at each start.\n");
        config.forEach((k, v) -> b.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        return b.toString();
    }
}
