package io.driftwatch.engine.stack;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends a signal to a process by pid; the JDK itself can only send TERM and KILL. */
public final class Signals {
    private Signals() {}

    public static void send(long pid, Signal signal) {
        if (signal == Signal.TERM) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            return;
        }
        if (signal == Signal.KILL) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid))
                    .redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
