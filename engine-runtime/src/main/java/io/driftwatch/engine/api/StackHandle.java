package io.driftwatch.engine.api;

import java.nio.file.Path;
import java.util.List;

/** A running stack as the console and the demo see it: where its servers answer and how they are. */
public interface StackHandle extends AutoCloseable {

    /** The stack directory. */
    Path dir();

    StackEndpoints endpoints();

    /** Probes every server now; blocking, so never call it on a UI thread. */
    List<ServerStatus> status();

    /** MirrorMaker 2's flows as the stack's supervisor last judged them; empty with one region. */
    default List<MirrorFlow> mirrorFlows() {
        return List.of();
    }

    /** The process that owns the servers: this one, or the {@code stack up} daemon whose stack this handle uses. */
    long ownerPid();

    /** Stops every server this handle started (none, for a stack another process owns). */
    @Override
    void close();
}
