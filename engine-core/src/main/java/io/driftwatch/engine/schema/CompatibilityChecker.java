package io.driftwatch.engine.schema;

import io.driftwatch.engine.schema.Incompatibility.BrokenReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides, without a registry, whether a new schema may follow previous versions at a
 * {@link CompatibilityLevel}, and says why not in plain words.
 *
 * <p>Why Avro's own {@link SchemaCompatibility#checkReaderWriterCompatibility} and not rules of our
 * own: the question is exactly "can this reader schema decode data written with that writer
 * schema?", and Avro's schema resolution is what every consumer will actually run. Confluent's
 * registry answers with the same checker, so offline and online verdicts agree.
 *
 * <p>How levels map onto reader/writer checks (the Confluent definitions):
 * <ul>
 *   <li>BACKWARD: the new schema reads data written with the previous version.</li>
 *   <li>FORWARD: the previous version reads data written with the new schema.</li>
 *   <li>FULL: both.</li>
 *   <li>{@code _TRANSITIVE}: against every previous version instead of the latest only.</li>
 *   <li>NONE: nothing is checked.</li>
 * </ul>
 * Pure: schemas in, a report out.
 */
public final class CompatibilityChecker {
    private final IncompatibilityExplainer explainer = new IncompatibilityExplainer();

    /**
     * @param candidate the new schema
     * @param previous  the versions in use, oldest first, with strictly increasing version numbers
     * @param level     the level to hold the candidate to
     */
    public CompatibilityReport check(Schema candidate, List<PreviousSchema> previous, CompatibilityLevel level) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(level, "level");
        requireOldestFirst(previous);
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return new CompatibilityReport(level, List.of(), List.of());
        }
        List<PreviousSchema> against = level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
        List<Integer> checked = new ArrayList<>();
        List<Incompatibility> found = new ArrayList<>();
        for (PreviousSchema old : against) {
            checked.add(old.version());
            if (level.backward()) {
                found.addAll(readerOf(candidate, old.schema(), BrokenReader.UPGRADED_CONSUMERS, old.version()));
            }
            if (level.forward()) {
                found.addAll(readerOf(old.schema(), candidate, BrokenReader.OLD_CONSUMERS, old.version()));
            }
        }
        return new CompatibilityReport(level, checked, found);
    }

    /** The same, numbering the previous schemas 1, 2, 3... in the order given (oldest first). */
    public CompatibilityReport checkSequence(Schema candidate, List<Schema> previous, CompatibilityLevel level) {
        List<PreviousSchema> numbered = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            numbered.add(new PreviousSchema(i + 1, previous.get(i)));
        }
        return check(candidate, numbered, level);
    }

    private List<Incompatibility> readerOf(Schema reader, Schema writer, BrokenReader broken, int version) {
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() != SchemaCompatibilityType.INCOMPATIBLE) {
            return List.of();
        }
        List<Incompatibility> out = new ArrayList<>();
        for (SchemaCompatibility.Incompatibility finding : pair.getResult().getIncompatibilities()) {
            // Avro memoizes reader/writer pairs, so a type used twice (before and after in a change
            // event) can come back as the same finding twice; report it once.
            for (Incompatibility i : explainer.explain(finding, reader, writer, broken, version)) {
                if (!out.contains(i)) {
                    out.add(i);
                }
            }
        }
        if (out.isEmpty()) {
            // Never expected: Avro said incompatible without a finding. Do not turn that into a pass.
            out.add(new Incompatibility("", TypeNames.of(broken == BrokenReader.UPGRADED_CONSUMERS ? writer : reader),
                    TypeNames.of(broken == BrokenReader.UPGRADED_CONSUMERS ? reader : writer), broken, version,
                    "Avro reports the schemas incompatible: " + pair.getDescription()));
        }
        return out;
    }

    private static void requireOldestFirst(List<PreviousSchema> previous) {
        for (int i = 1; i < previous.size(); i++) {
            if (previous.get(i).version() <= previous.get(i - 1).version()) {
                throw new IllegalArgumentException("previous versions must be oldest first with increasing numbers; got version "
                        + previous.get(i - 1).version() + " before version " + previous.get(i).version());
            }
        }
    }
}
