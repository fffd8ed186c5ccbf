package io.driftwatch.engine.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of checking a new schema against previous versions at a level.
 *
 * @param level             the level checked
 * @param checkedVersions   the previous versions actually checked against (only the latest for a
 *                          non-transitive level; none for NONE or when there is no previous version)
 * @param incompatibilities every reason found, in version order; empty when compatible
 */
public record CompatibilityReport(CompatibilityLevel level, List<Integer> checkedVersions, List<Incompatibility> incompatibilities) {

    public CompatibilityReport {
        checkedVersions = List.copyOf(checkedVersions);
        incompatibilities = List.copyOf(incompatibilities);
    }

    public boolean compatible() {
        return incompatibilities.isEmpty();
    }

    /** One line for people: the verdict, the level and what was compared. */
    public String summary() {
        if (level == CompatibilityLevel.NONE) {
            return "compatible: level NONE accepts every schema";
        }
        if (checkedVersions.isEmpty()) {
            return "compatible: no previous version to check against";
        }
        String against = (checkedVersions.size() == 1 ? "version " : "versions ")
                + checkedVersions.stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (compatible()) {
            return "compatible at " + level + " with " + against + ": " + level.meaning();
        }
        int n = incompatibilities.size();
        return "INCOMPATIBLE at " + level + " with " + against + ": " + n + (n == 1 ? " problem" : " problems");
    }
}
