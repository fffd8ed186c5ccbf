package io.driftwatch.engine.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The processing job's settings as a JSON file, the way a job submitted to a Flink cluster gets
 * them: the program arguments name only the file, so no credential appears in a command line or
 * in Flink's REST API. The file holds the views' password, hence it is written readable by its
 * owner only.
 */
public final class JobSettingsFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JobSettingsFile() {}

    /** Writes {@code settings} to {@code file} (mode 600) atomically. */
    public static void write(JobSettings settings, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static JobSettings read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), JobSettings.class);
        } catch (IOException e) {
            throw new IOException("cannot read the job settings in " + file + ": " + e.getMessage(), e);
        }
    }
}
