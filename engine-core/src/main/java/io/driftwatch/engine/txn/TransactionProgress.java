package io.driftwatch.engine.txn;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far one source transaction has arrived: the distinct events seen per table, and, once its
 * END marker arrived, the counts it declares. Immutable.
 */
public record TransactionProgress(Map<String, Long> seen, Map<String, Long> declared, long commitPosition) {

    public static final long UNKNOWN = -1;

    public TransactionProgress {
        seen = Map.copyOf(seen);
        declared = declared == null ? null : Map.copyOf(declared);
    }

    public static TransactionProgress empty() {
        return new TransactionProgress(Map.of(), null, UNKNOWN);
    }

    /** One more distinct event of {@code table} (the caller has already dropped re-sent duplicates). */
    public TransactionProgress withEvent(String table) {
        Map<String, Long> next = new HashMap<>(seen);
        next.merge(table, 1L, Long::sum);
        return new TransactionProgress(next, declared, commitPosition);
    }

    /** The END marker: per-table counts and the commit position. A repeated END changes nothing. */
    public TransactionProgress withEnd(Map<String, Long> counts, long commitPosition) {
        Objects.requireNonNull(counts, "counts");
        return new TransactionProgress(seen, counts, commitPosition);
    }

    public boolean ended() {
        return declared != null;
    }

    /** Complete: ended, and exactly the declared number of events arrived for every table. */
    public boolean complete() {
        if (declared == null) {
            return false;
        }
        for (Map.Entry<String, Long> entry : declared.entrySet()) {
            if (entry.getValue() > 0 && !entry.getValue().equals(seen.getOrDefault(entry.getKey(), 0L))) {
                return false;
            }
        }
        return seen.keySet().stream().allMatch(t -> declared.getOrDefault(t, 0L) > 0);
    }

    /**
     * More events arrived for some table than the END declares: impossible for a healthy source,
     * so the transaction must not be applied silently.
     */
    public boolean overfull() {
        return declared != null && seen.entrySet().stream().anyMatch(e -> e.getValue() > declared.getOrDefault(e.getKey(), 0L));
    }

    /** What is still missing, per table, for messages and the console. */
    public Map<String, Long> missing() {
        Map<String, Long> missing = new TreeMap<>();
        if (declared != null) {
            declared.forEach((table, count) -> {
                long gap = count - seen.getOrDefault(table, 0L);
                if (gap > 0) {
                    missing.put(table, gap);
                }
            });
        }
        return missing;
    }

    public long events() {
        return seen.values().stream().mapToLong(Long::longValue).sum();
    }
}
