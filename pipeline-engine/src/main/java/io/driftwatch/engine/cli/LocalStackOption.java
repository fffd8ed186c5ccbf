package io.driftwatch.engine.cli;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackException;
import io.driftwatch.engine.stack.StackManifest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option of commands that work on a running local stack, and how they reach it. */
final class LocalStackOption {
    @Option(names = "--dir", paramLabel = "DIR", description = "The local stack's directory (default: ~/.driftwatch/stack).")
    Path dir;

    Path resolve() {
        return (dir != null ? dir : StackConfig.defaultDir()).toAbsolutePath().normalize();
    }

    boolean given() {
        return dir != null;
    }

    /** The manifest of the stack that is up in the directory; an error says how to start one. */
    StackManifest readyManifest() {
        Path stackDir = resolve();
        return StackManifest.read(stackDir).filter(m -> m.state() == StackManifest.State.READY)
                .orElseThrow(() -> new StackException("no running local stack in " + stackDir + "; start one with 'driftwatch stack up'"));
    }

    StackEndpoints endpoints() {
        return readyManifest().endpoints();
    }
}
