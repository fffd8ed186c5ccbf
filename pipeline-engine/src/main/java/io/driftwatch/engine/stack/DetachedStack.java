package io.driftwatch.engine.stack;

import io.driftwatch.engine.health.Probes;

import io.driftwatch.engine.api.ServerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stack that outlives the command that started it: {@code stack up} hands the servers to a
 * detached daemon JVM (its own session, so a terminal's Ctrl-C does not reach it) and returns
 * once the daemon reports every server ready.
 *
 * <p>Why a daemon rather than detaching each server: the daemon's spawner gives every server a
 * parent-death signal, so even a {@code kill -9} of the daemon stops the servers; and while it
 * starts, the daemon watches the command that launched it and stops everything if that command
 * dies before the stack is ready. No combination of crashes leaves orphans behind.
 */
public final class DetachedStack {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final Path dir;
    private final Probes probes = new Probes();

    public DetachedStack(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Optional<StackManifest> manifest() {
        return StackManifest.read(dir);
    }

    /** True when a daemon owns this directory and reported its stack ready. */
    public boolean isRunning() {
        return manifest().filter(m -> m.state() == StackManifest.State.READY && Signals.isAlive(m.ownerPid())).isPresent();
    }

    /** Starts the daemon and waits until the stack is ready; a running stack is returned as it is. */
    public StackManifest up(int regions, Consumer<String> progress) throws IOException {
        return up(regions, false, progress);
    }

    /** As {@link #up(int, Consumer)}; with {@code flinkCluster} the stack also runs a standalone Flink session cluster. */
    public StackManifest up(int regions, boolean flinkCluster, Consumer<String> progress) throws IOException {
        return up(regions, flinkCluster, false, progress);
    }

    /** As {@link #up(int, boolean, Consumer)}; with {@code secure}, Kafka with SCRAM over TLS and ACLs, and the stack's users. */
    public StackManifest up(int regions, boolean flinkCluster, boolean secure, Consumer<String> progress) throws IOException {
        Optional<StackManifest> existing = manifest();
        if (existing.isPresent() && Signals.isAlive(existing.get().ownerPid())) {
            if (existing.get().state() == StackManifest.State.READY) {
                progress.accept("the stack in " + dir + " is already running (daemon pid " + existing.get().ownerPid() + ")");
                return existing.get();
            }
            throw new StackException("the stack in " + dir + " is " + existing.get().state().name().toLowerCase()
                    + " (daemon pid " + existing.get().ownerPid() + "); wait for it or run 'driftwatch stack down --dir " + dir + "'");
        }
        existing.ifPresent(this::killLeftovers);
        Files.createDirectories(dir);
        Path log = dir.resolve("daemon.log");
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Ddriftwatch.dist=" + io.driftwatch.engine.cluster.Distribution.directory(),
                "-cp", System.getProperty("java.class.path"),
                "io.driftwatch.engine.cli.DriftwatchCli", "stack", "up", "--foreground",
                "--dir", dir.toString(), "--regions", Integer.toString(regions),
                "--owner-pid", Long.toString(ProcessHandle.current().pid())));
        if (flinkCluster) {
            command.add("--flink-cluster");
        }
        if (secure) {
            command.add("--secure");
        }
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        long pid = daemon.pid();
        progress.accept("stack daemon started (pid " + pid + "), log " + log);
        Thread abort = new Thread(() -> {
            if (!isRunning()) {
                Signals.send(pid, Signal.TERM);
            }
        }, "driftwatch-stack-up-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        try {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (true) {
                Optional<StackManifest> now = manifest();
                if (now.isPresent() && now.get().ownerPid() == pid && now.get().state() == StackManifest.State.READY) {
                    return now.get();
                }
                if (!daemon.isAlive()) {
                    throw new StackException("the stack did not start; last lines of " + log + ":\n"
                            + ChildProcess.LogTail.of(log, 30));
                }
                if (System.nanoTime() > deadline) {
                    Signals.send(pid, Signal.TERM);
                    throw new StackException("the stack was not ready within " + READY_TIMEOUT.toMinutes()
                            + " minutes; last lines of " + log + ":\n" + ChildProcess.LogTail.of(log, 30));
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Signals.send(pid, Signal.TERM);
            throw new StackException("interrupted while waiting for the stack", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(abort);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the daemon if the stack was not ready
            }
        }
    }

    /** Probes every server listed in the manifest. */
    public List<ServerStatus> status() {
        StackManifest manifest = manifest().orElseThrow(() -> new StackException("no stack in " + dir
                + "; start one with 'driftwatch stack up --dir " + dir + "'"));
        return StackInspector.status(manifest, probes);
    }

    /**
     * Stops the daemon, which stops its servers cleanly; then makes sure no listed server process
     * remains. Returns the names of servers that had to be killed.
     */
    public List<String> down(Consumer<String> progress) {
        Optional<StackManifest> manifest = manifest();
        if (manifest.isEmpty()) {
            progress.accept("no stack in " + dir);
            return List.of();
        }
        long owner = manifest.get().ownerPid();
        if (Signals.isAlive(owner)) {
            progress.accept("stopping the stack daemon (pid " + owner + ")");
            Signals.send(owner, Signal.TERM);
            Leftovers.waitForExit(owner, LocalStack.worstCaseStop().plusSeconds(15));
        }
        List<String> killed = killLeftovers(manifest.get());
        StackManifest after = manifest().orElse(manifest.get());
        try {
            after.withState(StackManifest.State.STOPPED).write(dir);
        } catch (IOException e) {
            progress.accept("warning: cannot update " + dir.resolve(StackManifest.FILE) + ": " + e.getMessage());
        }
        return killed;
    }

    private List<String> killLeftovers(StackManifest manifest) {
        List<String> killed = new ArrayList<>();
        if (Signals.isAlive(manifest.ownerPid())) {
            Signals.send(manifest.ownerPid(), Signal.KILL);
        }
        for (StackManifest.ServerRecord server : manifest.servers()) {
            if (Signals.isAlive(server.pid()) && Leftovers.isOurs(dir, server)) {
                Signals.send(server.pid(), Signal.KILL);
                Leftovers.waitForExit(server.pid(), Duration.ofSeconds(10));
                killed.add(server.name());
            }
        }
        return killed;
    }
}
