package io.driftwatch.engine.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stack directory records about its servers in {@code stack.json}: their pids and ports,
 * the endpoints, and the state of the process that owns them. The CLI reads it to report on or
 * stop a stack another process started; the ports are reused by the next {@code stack up}.
 * The file holds credentials, so it is readable by its owner only.
 */
public record StackManifest(State state, long ownerPid, List<ServerRecord> servers, Map<String, Integer> ports,
                            StackEndpoints endpoints) {

    public static final String FILE = "stack.json";

    public enum State { STARTING, READY, STOPPING, STOPPED, FAILED }

    public enum Kind { POSTGRES, KAFKA, REGISTRY, CLICKHOUSE, S3, MIRROR, FLINK_JOBMANAGER, FLINK_TASKMANAGER }

    public record ServerRecord(String name, Kind kind, String region, long pid, int port, String home) {}

    public StackManifest {
        servers = servers == null ? List.of() : List.copyOf(servers);
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }

    public StackManifest withState(State newState) {
        return new StackManifest(newState, ownerPid, servers, ports, endpoints);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Optional<StackManifest> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackManifest.class));
        } catch (IOException e) {
            throw new StackException("cannot read " + file + " (" + e.getMessage() + "); remove it after stopping "
                    + "any server it lists", e);
        }
    }

    /** Writes atomically, so a reader never sees half a file. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
