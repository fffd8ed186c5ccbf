package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Reports on a stack from its manifest: is each process alive, does it answer, how big is its data. */
public final class StackInspector {
    private StackInspector() {}

    public static List<ServerStatus> status(StackManifest manifest, Probes probes) {
        List<CompletableFuture<ServerStatus>> checks = manifest.servers().stream()
                .map(server -> CompletableFuture.supplyAsync(() -> statusOf(server, manifest.endpoints(), probes)))
                .toList();
        return checks.stream().map(CompletableFuture::join).toList();
    }

    private static ServerStatus statusOf(StackManifest.ServerRecord server, StackEndpoints endpoints, Probes probes) {
        boolean alive = Signals.isAlive(server.pid());
        boolean answering = alive && switch (server.kind()) {
            case POSTGRES -> probes.postgres(endpoints.region(server.region()).postgres());
            case KAFKA -> probes.kafka(endpoints.region(server.region()).kafka());
            case REGISTRY -> probes.registry(endpoints.registry());
            case CLICKHOUSE -> probes.clickhouse(endpoints.clickhouse());
            case S3 -> probes.s3(endpoints.s3());
            case MIRROR -> probes.mirror(kafkaOf(endpoints));
            case FLINK_JOBMANAGER -> probes.flinkJobManager(endpoints.flink());
            case FLINK_TASKMANAGER -> probes.flinkTaskManager(endpoints.flink(), server.name());
        };
        return new ServerStatus(server.name(), server.pid(), server.port(), alive, answering,
                sizeOf(Path.of(server.home()).resolve("data")));
    }

    private static java.util.Map<String, StackEndpoints.Kafka> kafkaOf(StackEndpoints endpoints) {
        java.util.Map<String, StackEndpoints.Kafka> kafka = new java.util.HashMap<>();
        endpoints.regions().forEach((region, e) -> kafka.put(region, e.kafka()));
        return kafka;
    }

    static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                    return attrs.isRegularFile() ? attrs.size() : 0;
                } catch (IOException e) {
                    return 0; // a file removed while walking (Kafka segments, ClickHouse parts)
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
