package io.driftwatch.engine.process;

import io.driftwatch.engine.txn.NetChange;
import io.driftwatch.engine.txn.TransactionProgress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source transaction being assembled on the heap: its rows (the last change of each, folded
 * into one net change), the events seen per table and, once its END arrived, the counts it
 * declares. The assembly operator keeps small transactions this way and writes them to keyed
 * state only when they grow large; {@link #events} gives back what a checkpoint keeps of it.
 */
final class OpenTransaction {
    private final Map<String, PipelineEvent> rows = new LinkedHashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private Map<String, Long> declared;
    private PipelineEvent end;

    /** Adds a row change; false when it is one seen already ({@link #follows}). */
    boolean add(PipelineEvent event) {
        String rowId = rowId(event);
        if (!follows(rows.get(rowId), event)) {
            return false;
        }
        rows.put(rowId, event);
        seen.merge(event.table, 1L, Long::sum);
        return true;
    }

    /**
     * Whether {@code event} is a new change of the row whose latest change in the transaction is
     * {@code previous} (null: none yet), and if so folds {@code previous} into it: one net change
     * for the whole transaction (NetChange says why), standing for both their events. False for
     * an event at or before the row's latest: a row's changes arrive in WAL order, so it is one
     * seen already, re-sent by a restarted capture. Shared by the heap and keyed-state assembly.
     */
    static boolean follows(PipelineEvent previous, PipelineEvent event) {
        if (previous != null && previous.lsn >= event.lsn) {
            return false;
        }
        if (previous != null) {
            NetChange net = NetChange.fold(previous.op, previous.beforeJson, event.op);
            event.op = net.op();
            event.beforeJson = net.beforeJson();
        }
        event.parts = previous == null ? 1 : previous.parts + 1;
        return true;
    }

    /** One of {@link #events}, as a checkpoint kept it. */
    void restore(PipelineEvent event) {
        if (event.kind == PipelineEvent.Kind.END) {
            end(event);
        } else {
            rows.put(rowId(event), event);
            seen.merge(event.table, (long) event.parts, Long::sum);
        }
    }

    /** The END marker; false when one arrived already. */
    boolean end(PipelineEvent marker) {
        if (end != null) {
            return false;
        }
        end = marker;
        declared = declaredCounts(marker.counts);
        return true;
    }

    boolean ended() {
        return end != null;
    }

    TransactionProgress progress() {
        return end == null ? new TransactionProgress(seen, null, TransactionProgress.UNKNOWN)
                : new TransactionProgress(seen, declared, end.commitPosition);
    }

    /** Distinct rows held (a row changed twice is one). */
    int size() {
        return rows.size();
    }

    Collection<PipelineEvent> rows() {
        return rows.values();
    }

    Map<String, Long> seen() {
        return seen;
    }

    Map<String, Long> declared() {
        return declared;
    }

    PipelineEvent endMarker() {
        return end;
    }

    /** Everything to rebuild it from with {@link #restore}: its rows (each with the events it folds), then its END if it arrived. */
    List<PipelineEvent> events() {
        List<PipelineEvent> events = new ArrayList<>(rows.values());
        if (end != null) {
            events.add(end);
        }
        return events;
    }

    static String rowId(PipelineEvent row) {
        return row.table + "|" + row.rowKey;
    }

    /** The END marker's {@code table=count} list. */
    static Map<String, Long> declaredCounts(String counts) {
        Map<String, Long> declared = new HashMap<>();
        if (counts == null || counts.isEmpty()) {
            return declared;
        }
        for (String entry : counts.split(",")) {
            int eq = entry.lastIndexOf('=');
            declared.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
        }
        return declared;
    }
}
