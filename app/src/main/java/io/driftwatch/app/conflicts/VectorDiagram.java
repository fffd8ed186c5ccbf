package io.driftwatch.app.conflicts;

import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.naming.Regions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The competing version vectors of a conflict as a small table: one row per side, one column per
 * region, each cell the number of that region's changes the side had seen. A cell that differs
 * between the sides is where they diverged; the side that saw more of that region is ahead there.
 *
 * @param regions every region named by any side, primary first
 */
public record VectorDiagram(List<String> regions, List<Row> rows, String divergence) {
    public VectorDiagram {
        regions = List.copyOf(regions);
        rows = List.copyOf(rows);
    }

    /** One side: who wrote it and the counters it had seen. */
    public record Row(String side, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param differs the sides disagree on this region's counter
     * @param ahead   this side saw more of this region than some other side
     */
    public record Cell(String region, long count, boolean differs, boolean ahead) {}

    public static final VectorDiagram EMPTY = new VectorDiagram(List.of(), List.of(), "");

    public static VectorDiagram of(List<ConflictDesk.Side> sides) {
        TreeSet<String> all = new TreeSet<>(Regions.PRIMARY_FIRST);
        sides.forEach(s -> all.addAll(s.vector().keySet()));
        List<String> regions = new ArrayList<>(all);
        List<Row> rows = new ArrayList<>();
        List<String> diverged = new ArrayList<>();
        for (String region : regions) {
            long min = sides.stream().mapToLong(s -> s.vector().getOrDefault(region, 0L)).min().orElse(0);
            long max = sides.stream().mapToLong(s -> s.vector().getOrDefault(region, 0L)).max().orElse(0);
            if (min != max) {
                List<String> counts = new ArrayList<>();
                sides.forEach(s -> counts.add(s.region() + " saw " + s.vector().getOrDefault(region, 0L)));
                diverged.add(region + " (" + String.join(", ", counts) + ")");
            }
        }
        for (int i = 0; i < sides.size(); i++) {
            ConflictDesk.Side side = sides.get(i);
            List<Cell> cells = new ArrayList<>();
            for (String region : regions) {
                long count = side.vector().getOrDefault(region, 0L);
                boolean differs = sides.stream().anyMatch(o -> o.vector().getOrDefault(region, 0L) != count);
                boolean ahead = sides.stream().anyMatch(o -> o.vector().getOrDefault(region, 0L) < count);
                cells.add(new Cell(region, count, differs, ahead));
            }
            rows.add(new Row(String.format(Locale.ROOT, "side %d: %s", i + 1, side.region()), cells));
        }
        String divergence = sides.size() < 2 ? "" : diverged.isEmpty() ? "The vectors are equal: the sides saw the same changes."
                : "Diverged at " + String.join("; ", diverged) + (rows.stream().allMatch(r -> r.cells().stream().anyMatch(Cell::ahead))
                        ? ": each side saw changes the other had not (concurrent)." : ".");
        return new VectorDiagram(regions, rows, divergence);
    }
}
