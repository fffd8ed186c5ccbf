package io.driftwatch.engine.capture;

/** How capture of one table stands. */
public record TableState(String topic, Status status, long records, String reason) {

    public enum Status {
        /** Changes flow to the table's topic. */
        CAPTURING,
        /**
         * The registry rejected the table's new schema: its changes are parked, in order, on the
         * region's parked topic until the schema problem is resolved. Nothing is skipped.
         */
        BLOCKED,
        /**
         * The registry rejected a schema change the subject's level forbids: the table's changes go
         * to a versioned topic ({@code <topic>-v2}, …) and a bridge keeps the old topic fed in the
         * old shape.
         */
        VERSIONED
    }
}
