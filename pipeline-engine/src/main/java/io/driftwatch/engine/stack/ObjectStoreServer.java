package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3-compatible store for Flink's checkpoints: s3proxy over a filesystem blob store, run as a
 * child JVM, with generated keys and a {@code checkpoints} bucket.
 */
final class ObjectStoreServer implements ManagedServer {
    static final String BUCKET = "checkpoints";

    private final Path home;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final StackBinaries binaries;
    private final Probes probes;
    private ChildProcess process;

    ObjectStoreServer(Path home, int port, String accessKey, String secretKey, StackBinaries binaries, Probes probes) {
        this.home = home;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.binaries = binaries;
        this.probes = probes;
    }

    StackEndpoints.ObjectStore endpoint() {
        return new StackEndpoints.ObjectStore("http://127.0.0.1:" + port, BUCKET, accessKey, secretKey);
    }

    @Override public String name() { return "s3"; }
    @Override public String region() { return null; }
    @Override public int port() { return port; }
    @Override public Path home() { return home; }
    @Override public ChildProcess process() { return process; }

    @Override
    public void start(ProcessSpawner spawner) throws IOException {
        Files.createDirectories(dataDir());
        Path properties = home.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dataDir(),
                ""));
        Path logback = home.resolve("logback.xml");
        Files.writeString(logback, ChildLogging.logbackToStdout("WARN"));
        process = spawner.spawn(name(), List.of(binaries.java().toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logback,
                "-cp", binaries.classpath(), "org.gaul.s3proxy.Main", "--properties", properties.toString()),
                ProcessSpawner.Privilege.SAME_USER, logFile(), Map.of());
    }

    /** The store answers once it accepts a signed call; the bucket is created right after. */
    @Override
    public boolean answers() {
        try (S3Client client = Probes.s3Client(endpoint())) {
            client.listBuckets();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void afterReady() {
        try (S3Client client = Probes.s3Client(endpoint())) {
            boolean exists = client.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET));
            if (!exists) {
                client.createBucket(b -> b.bucket(BUCKET));
            }
        }
    }
}
