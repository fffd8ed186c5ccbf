package io.driftwatch.engine.failover;

import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * Runs MirrorMaker 2 in dedicated mode with a bounded shutdown. MirrorMaker stops its flows in a
 * shutdown hook that waits on every cluster; with one cluster's broker dead it can wait forever,
 * and a process asked to stop (by the stack, or because the engine that started it died) must stop.
 */
public final class MirrorMakerMain {
    static final long SHUTDOWN_GRACE_MILLIS = 10_000;

    private MirrorMakerMain() {}

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "mirror-shutdown-bound"));
        MirrorMaker.main(args);
    }
}
