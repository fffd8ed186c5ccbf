package io.driftwatch.engine.subjects;

import io.driftwatch.engine.api.SchemaCheck;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.SubjectLevel;
import io.driftwatch.engine.api.SubjectVersion;
import io.driftwatch.engine.registry.CompatibilityVerdict;
import io.driftwatch.engine.registry.RegistryException;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.registry.SchemaVersion;
import io.driftwatch.engine.schema.CompatibilityChecker;
import io.driftwatch.engine.schema.CompatibilityLevel;
import io.driftwatch.engine.schema.CompatibilityReport;
import io.driftwatch.engine.schema.Incompatibility;
import io.driftwatch.engine.schema.PreviousSchema;
import io.driftwatch.engine.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.AvroRuntimeException;

/**
 * {@link SchemaRegistry} over {@link SchemaRegistryClient}. The verdict of a check is the same one
 * {@code driftwatch schema check} prints: Avro's checker at the subject's level, and the
 * registry's own test beside it; the schema is compatible only when neither rejects it.
 */
public final class RegistryCatalog implements SchemaRegistry {
    private final SchemaRegistryClient client;
    private final CompatibilityChecker checker = new CompatibilityChecker();

    public RegistryCatalog(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public String url() {
        return client.baseUrl();
    }

    @Override
    public List<String> subjects() {
        return client.subjects().stream().sorted().toList();
    }

    @Override
    public List<SubjectVersion> versions(String subject) {
        return client.allVersions(subject).stream()
                .map(v -> new SubjectVersion(v.subject(), v.version(), v.id(), SchemaFormatter.format("json/pretty", v.schema()))).toList();
    }

    @Override
    public SubjectLevel level(String subject) {
        String level = client.compatibility(subject);
        try {
            return new SubjectLevel(level, CompatibilityLevel.parse(level).meaning());
        } catch (IllegalArgumentException e) {
            return new SubjectLevel(level, "a level Driftwatch does not know");
        }
    }

    @Override
    public SchemaCheck check(String subject, String candidateText) {
        Schema candidate;
        try {
            candidate = new Schema.Parser().parse(candidateText);
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            return SchemaCheck.invalid(e.getMessage() == null ? "it cannot be parsed" : e.getMessage());
        }
        List<SchemaVersion> versions = client.allVersions(subject);
        if (versions.isEmpty()) {
            return new SchemaCheck(true, "", "compatible: " + subject + " has no registered version, so there is nothing this schema "
                    + "could break", List.of(), List.of(), null, List.of());
        }
        String reported = client.compatibility(subject);
        CompatibilityLevel level;
        try {
            level = CompatibilityLevel.parse(reported);
        } catch (IllegalArgumentException e) {
            return new SchemaCheck(false, reported, "the registry reports level '" + reported + "', which is not one of "
                    + CompatibilityLevel.validNames(), List.of(), List.of(), null, List.of());
        }
        List<PreviousSchema> previous = versions.stream().map(v -> new PreviousSchema(v.version(), v.schema())).toList();
        CompatibilityReport report = checker.check(candidate, previous, level);
        List<String> changes = SchemaDiff.between(versions.get(versions.size() - 1).schema(), candidate).lines();
        Boolean registryCompatible = null;
        List<String> registryMessages = new ArrayList<>();
        try {
            CompatibilityVerdict verdict = client.testCompatibility(subject, candidate);
            registryCompatible = verdict.compatible();
            registryMessages.addAll(verdict.messages());
        } catch (RegistryException e) {
            registryMessages.add("the registry could not test it: " + e.getMessage());
        }
        boolean compatible = report.compatible() && !Boolean.FALSE.equals(registryCompatible);
        String summary = report.summary();
        if (report.compatible() && Boolean.FALSE.equals(registryCompatible)) {
            summary = "INCOMPATIBLE: Avro's checker accepts it at " + level + ", but the registry rejects it";
        }
        return new SchemaCheck(compatible, level.name(), summary, report.incompatibilities().stream().map(Incompatibility::describe).toList(),
                changes, registryCompatible, registryMessages);
    }

    /** The diff lines between two schemas given as JSON. */
    public static List<String> diff(String older, String newer) {
        return SchemaDiff.between(new Schema.Parser().parse(older), new Schema.Parser().parse(newer)).lines();
    }
}
