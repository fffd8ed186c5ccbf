package io.driftwatch.engine.stack;

import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.api.StackHandle;
import io.driftwatch.engine.api.ServerStatus;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.failover.MirrorSupervisor;
import io.driftwatch.engine.stack.DetachedStack;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.health.Probes;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackInspector;
import io.driftwatch.engine.stack.StackManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Starts the embedded local stack: the entry point for the console's local mode and the demo. */
public final class LocalStacks {
    /** The log file's name in a stack directory. */
    public static final String LOG_FILE = io.driftwatch.engine.logging.TerminalLog.FILE_NAME;

    private LocalStacks() {}

    /** The default stack directory, {@code ~/.driftwatch/stack}. */
    public static Path defaultDir() {
        return StackConfig.defaultDir();
    }

    /**
     * Starts every server of a stack with {@code regions} regions in {@code dir}, reporting each
     * step to {@code progress}; returns once all answer. Blocking: call it off the UI thread.
     */
    public static StackHandle start(Path dir, int regions, Consumer<String> progress) {
        LocalStack stack = LocalStack.start(StackConfig.of(dir, regions), progress);
        return new StackHandle() {
            @Override public Path dir() { return stack.dir(); }
            @Override public StackEndpoints endpoints() { return stack.endpoints(); }
            @Override public List<ServerStatus> status() { return stack.status(); }
            @Override public List<MirrorFlow> mirrorFlows() {
                return stack.mirrorFlows().map(io.driftwatch.engine.failover.MirrorSupervisor.State::flows).orElse(List.of());
            }
            @Override public long ownerPid() { return ProcessHandle.current().pid(); }
            @Override public void close() { stack.close(); }
        };
    }

    /**
     * Removes the stack directory {@code dir} (when it holds a stack no process uses), saying what
     * it removes; the next start begins from nothing.
     */
    public static void wipe(Path dir, Consumer<String> progress) throws java.io.IOException {
        io.driftwatch.engine.stack.StackWipe.wipe(dir, progress);
    }

    /**
     * Sends this process's log lines to {@code file} and keeps only Driftwatch's own warnings and
     * errors on the terminal, unless {@code verbose}; returns the file.
     */
    public static Path routeLogs(Path file, boolean verbose) {
        return io.driftwatch.engine.logging.TerminalLog.route(file, verbose);
    }

    /**
     * The stack a {@code stack up} daemon runs in {@code dir}, if one does: its servers are used as
     * they are, and closing the handle leaves them running (the daemon owns them; {@code stack
     * down} stops them). A command that finds such a stack uses it rather than refusing to start.
     */
    public static Optional<StackHandle> running(Path dir) {
        DetachedStack detached = new DetachedStack(dir);
        if (!detached.isRunning()) {
            return Optional.empty();
        }
        Optional<StackManifest> manifest = detached.manifest();
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        StackManifest m = manifest.get();
        Probes probes = new Probes();
        return Optional.of(new StackHandle() {
            @Override public Path dir() { return detached.dir(); }
            @Override public StackEndpoints endpoints() { return m.endpoints(); }
            @Override public List<ServerStatus> status() { return StackInspector.status(m, probes); }
            @Override public List<MirrorFlow> mirrorFlows() {
                return MirrorSupervisor.read(LocalStack.mirrorFlowsFile(detached.dir())).map(MirrorSupervisor.State::flows).orElse(List.of());
            }
            @Override public long ownerPid() { return m.ownerPid(); }
            @Override public void close() { }
        });
    }
}
