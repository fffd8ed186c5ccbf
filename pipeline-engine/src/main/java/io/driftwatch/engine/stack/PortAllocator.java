package io.driftwatch.engine.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free loopback ports, preferring the ones a stack used before so that endpoints stay
 * stable across {@code stack down} / {@code stack up}.
 */
public final class PortAllocator {
    private final Set<Integer> handedOut = new HashSet<>();

    /** {@code previous} if it is still free (and not yet handed out), otherwise a fresh free port. */
    synchronized int reuseOrAllocate(Integer previous) {
        if (previous != null && previous > 0 && !handedOut.contains(previous) && isFree(previous)) {
            handedOut.add(previous);
            return previous;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ephemeral();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 50 attempts");
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Servers bind with SO_REUSEADDR, so connections lingering in TIME_WAIT do not make a port busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port free right now (the operating system's choice). */
    public static int freeLoopbackPort() {
        return ephemeral();
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any loopback port", e);
        }
    }
}
