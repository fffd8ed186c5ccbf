package io.driftwatch.engine.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * {@link EngineStatus} as JSON on the status topic, version 1. Read into the one fixed record type
 * (no type names in the data), so a record on the topic cannot choose what is built; fields a
 * newer engine adds are ignored, and a report of another version is refused with the reason.
 */
public final class StatusFormat {
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatusFormat() {}

    public static byte[] encode(EngineStatus status) {
        try {
            return JSON.writeValueAsBytes(status);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the engine's status", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, for anything that is not a version-1 report */
    public static EngineStatus decode(byte[] bytes) {
        EngineStatus status;
        try {
            status = JSON.readValue(bytes, EngineStatus.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an engine status report: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (status.version() != VERSION) {
            throw new IllegalArgumentException("engine status version " + status.version() + " is not supported (this reads version "
                    + VERSION + ")");
        }
        return status;
    }

    /** This engine's version, as built (from {@code driftwatch-version.properties}). */
    public static String engineVersion() {
        java.util.Properties p = new java.util.Properties();
        try (var in = StatusFormat.class.getResourceAsStream("/driftwatch-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is informational: an unreadable one is reported as unknown
        }
        return p.getProperty("version", "unknown");
    }
}
