package io.driftwatch.engine.merge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a merge changed about a row's open conflicts: those it opened and those it cleared.
 * Conflicts are derived from the row state and named by their content ({@link Conflict#id()}),
 * so a conflict derived again after a replay is the same one and neither opens nor clears.
 *
 * @param opened  open now and not before, in the order the merge reported them
 * @param cleared open before and not now, in the order they were kept
 * @param open    every conflict open now (what the row keeps for its next merge)
 */
public record ConflictDelta(List<Conflict> opened, List<Conflict> cleared, List<Conflict> open) {

    public ConflictDelta {
        opened = List.copyOf(opened);
        cleared = List.copyOf(cleared);
        open = List.copyOf(open);
    }

    /** The delta from the conflicts open {@code before} a merge to those its outcome reports {@code after}. */
    public static ConflictDelta between(Collection<Conflict> before, Collection<Conflict> after) {
        Map<String, Conflict> was = byId(before);
        Map<String, Conflict> is = byId(after);
        List<Conflict> opened = new ArrayList<>();
        is.forEach((id, c) -> {
            if (!was.containsKey(id)) {
                opened.add(c);
            }
        });
        List<Conflict> cleared = new ArrayList<>();
        was.forEach((id, c) -> {
            if (!is.containsKey(id)) {
                cleared.add(c);
            }
        });
        return new ConflictDelta(opened, cleared, new ArrayList<>(is.values()));
    }

    public boolean isEmpty() {
        return opened.isEmpty() && cleared.isEmpty();
    }

    private static Map<String, Conflict> byId(Collection<Conflict> conflicts) {
        Map<String, Conflict> byId = new LinkedHashMap<>();
        conflicts.forEach(c -> byId.put(c.id(), c));
        return byId;
    }
}
