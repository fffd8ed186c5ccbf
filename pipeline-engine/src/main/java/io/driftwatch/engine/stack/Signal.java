package io.driftwatch.engine.stack;

/** The POSIX signals the stack sends to its servers. */
public enum Signal {
    /** PostgreSQL: fast shutdown. */
    INT,
    /** Orderly shutdown for the JVM servers and ClickHouse. */
    TERM,
    /** No shutdown at all: used by fault tests. */
    KILL
}
