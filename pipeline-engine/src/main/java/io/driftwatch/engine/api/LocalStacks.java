package io.driftwatch.engine.api;

import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.StackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Starts the embedded local stack: the entry point for the console's local mode and the demo. */
public final class LocalStacks {
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
            @Override public void close() { stack.close(); }
        };
    }
}
