package io.driftwatch.engine.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the stack's child processes so that they cannot outlive the JVM that owns them.
 *
 * <p>Why one long-lived thread: Linux delivers a child's parent-death signal when the
 * <em>thread</em> that forked it ends, not the process. Every child is therefore forked from this
 * spawner's own thread, which lives exactly as long as the spawner, and is wrapped in
 * {@code setpriv --pdeathsig TERM}: if the owning JVM dies in any way, even by {@code kill -9},
 * the kernel asks each child to shut down cleanly, and nothing is orphaned.
 *
 * <p>Servers that refuse to run as root (PostgreSQL) or should not (ClickHouse) are started under
 * {@code unshare -U} when the JVM runs as root: in a fresh user namespace the process is the
 * unprivileged {@code nobody} and holds no capabilities, while it can still reach files under the
 * owner's home directory.
 */
public final class ProcessSpawner implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "driftwatch-process-spawner");
        t.setDaemon(true);
        return t;
    });
    private final boolean pdeathsig;
    private final boolean root;

    public ProcessSpawner() {
        this(Files.isExecutable(Path.of("/usr/bin/setpriv")), HostUser.isRoot());
    }

    ProcessSpawner(boolean pdeathsig, boolean root) {
        this.pdeathsig = pdeathsig;
        this.root = root;
    }

    /** How a child should run. */
    public enum Privilege {
        /** As the JVM's own user. */
        SAME_USER,
        /** Never as root: in an unprivileged user namespace when the JVM runs as root. */
        UNPRIVILEGED
    }

    /** Starts {@code command}, appending its output to {@code log}. */
    public ChildProcess spawn(String name, List<String> command, Privilege privilege, Path log, Map<String, String> env)
            throws IOException {
        List<String> full = wrap(command, privilege);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Future<Process> started = thread.submit(builder::start);
        try {
            return new ChildProcess(name, started.get(), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot start " + name + " (" + String.join(" ", command) + "): "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs a short command to completion (initdb, storage format) and fails with its output if it fails. */
    public void runToCompletion(String name, List<String> command, Privilege privilege, Path log, Map<String, String> env,
                                java.time.Duration timeout) throws IOException {
        ChildProcess child = spawn(name, command, privilege, log, env);
        int exit = child.waitFor(timeout);
        if (exit != 0) {
            throw new IOException(name + " failed with exit code " + exit + "; last lines of " + log + ":\n"
                    + child.tail(20));
        }
    }

    List<String> wrap(List<String> command, Privilege privilege) {
        List<String> full = new ArrayList<>();
        if (privilege == Privilege.UNPRIVILEGED && root) {
            full.add("unshare");
            full.add("-U");
        }
        if (pdeathsig) {
            full.add("setpriv");
            full.add("--pdeathsig");
            full.add("TERM");
        }
        full.addAll(command);
        return full;
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
