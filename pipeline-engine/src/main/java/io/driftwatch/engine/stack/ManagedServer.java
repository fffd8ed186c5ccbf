package io.driftwatch.engine.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** One server of the local stack: how to start it, how to tell it answers, how to stop it. */
interface ManagedServer {

    /** A unique name such as {@code postgres-us-east-1}; also the name of its home directory. */
    String name();

    /** The region it belongs to, or {@code null} for shared servers. */
    String region();

    /** The port its clients use. */
    int port();

    /** Its own directory: {@code data/} and {@code log/} beneath. */
    Path home();

    /** Prepares configuration and data (first run only) and starts the process. */
    void start(ProcessSpawner spawner) throws IOException;

    /** One real protocol probe: true when the server answers its clients. */
    boolean answers();

    /** Runs once after the first successful probe (create a database, a bucket). */
    default void afterReady() throws IOException {}

    /** The running process, or null before {@link #start}. */
    ChildProcess process();

    /** The signal that shuts it down cleanly. */
    default Signal stopSignal() {
        return Signal.TERM;
    }

    /** How long a clean shutdown may take before the process is killed. */
    default Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    default Path dataDir() {
        return home().resolve("data");
    }

    default Path logFile() {
        return home().resolve("log").resolve(name() + ".log");
    }
}
