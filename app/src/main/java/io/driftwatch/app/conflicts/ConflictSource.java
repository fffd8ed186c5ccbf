package io.driftwatch.app.conflicts;

import io.driftwatch.engine.api.ConflictDesk;
import java.util.List;

/**
 * Where the conflicts screen reads open conflicts and the audit trail, and sends decisions: the
 * engine's {@link ConflictDesk} in the app, a fake in tests. Every method blocks on the servers,
 * so call them off the FX thread.
 */
public interface ConflictSource {

    /** What the desk holds now. */
    Snapshot read();

    /** Applies a decision; see {@link ConflictDesk#resolve}. */
    ConflictDesk.AuditRecord resolve(String conflictId, ConflictDesk.Choice choice, String operator, String reason) throws Exception;

    /**
     * @param merging false while the pipeline merges no table (no merged table and no audit table exist),
     *                so no conflict can be recorded
     */
    record Snapshot(boolean merging, List<ConflictDesk.OpenConflict> open, List<ConflictDesk.AuditRecord> audit) {
        public Snapshot {
            open = List.copyOf(open);
            audit = List.copyOf(audit);
        }
    }

    /**
     * A pipeline the console is attached to: conflicts and the audit trail read from its views,
     * decisions sent as commands to its engine ({@code run}), which resolves them and records the
     * operator; the console's own user needs no write access to the views or the resolutions topic.
     */
    static ConflictSource viaCommands(io.driftwatch.engine.api.AttachedPipeline pipeline, ConflictDesk desk, java.time.Duration timeout) {
        ConflictSource reads = of(desk);
        return new ConflictSource() {
            @Override
            public Snapshot read() {
                return reads.read();
            }

            @Override
            public ConflictDesk.AuditRecord resolve(String conflictId, ConflictDesk.Choice choice, String operator, String reason)
                    throws Exception {
                io.driftwatch.engine.api.AttachedPipeline.Answer answer = pipeline.resolve(conflictId, choice, operator, reason, timeout);
                if (!answer.done()) {
                    throw new IllegalArgumentException(answer.engine() + " refused: " + answer.message());
                }
                return desk.audit().stream().filter(a -> a.conflictId().equals(conflictId) && a.operator().equals(operator))
                        .reduce((first, second) -> second)
                        .orElseThrow(() -> new IllegalStateException(answer.engine() + " resolved it, but its audit entry is not readable yet"));
            }
        };
    }

    /** The engine's desk: the audit table is created with the first merged table, so its absence means nothing is merged. */
    static ConflictSource of(ConflictDesk desk) {
        return new ConflictSource() {
            @Override
            public Snapshot read() {
                List<ConflictDesk.AuditRecord> audit;
                try {
                    audit = desk.audit();
                } catch (RuntimeException e) {
                    if (missing(e)) {
                        return new Snapshot(false, List.of(), List.of());
                    }
                    throw e;
                }
                return new Snapshot(true, desk.open(), audit);
            }

            private boolean missing(RuntimeException e) {
                String m = e.getMessage();
                return m != null && (m.contains("doesn't exist") || m.contains("does not exist") || m.contains("UNKNOWN_TABLE")
                        || m.contains("UNKNOWN_DATABASE"));
            }

            @Override
            public ConflictDesk.AuditRecord resolve(String conflictId, ConflictDesk.Choice choice, String operator, String reason)
                    throws Exception {
                return desk.resolve(conflictId, choice, operator, reason);
            }
        };
    }
}
