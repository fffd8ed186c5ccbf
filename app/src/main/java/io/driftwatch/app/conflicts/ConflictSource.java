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
