package io.driftwatch.engine.api;

/**
 * One server of a stack as seen from outside: its process, its port, whether it answers, and
 * how much disk its data takes.
 */
public record ServerStatus(String name, long pid, int port, boolean processAlive, boolean answering, long dataBytes) {

    public boolean up() {
        return processAlive && answering;
    }
}
