package io.driftwatch.engine.cli;

import io.driftwatch.engine.registry.CompatibilityVerdict;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.registry.SchemaVersion;
import io.driftwatch.engine.schema.CompatibilityChecker;
import io.driftwatch.engine.schema.CompatibilityLevel;
import io.driftwatch.engine.schema.CompatibilityReport;
import io.driftwatch.engine.schema.Incompatibility;
import io.driftwatch.engine.schema.PreviousSchema;
import io.driftwatch.engine.schema.SchemaDiff;
import io.driftwatch.engine.schema.SchemaFiles;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackException;
import io.driftwatch.engine.stack.StackManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code driftwatch schema check|history|level}: schema evolution from the command line, for
 * people and for CI. The verdict always comes from {@link CompatibilityChecker} (Avro's own
 * checker), online and offline alike, so the words a pipeline prints do not depend on which
 * registry it ran against; online, the registry's own verdict is shown beside it.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Check a schema change against a subject's compatibility level, show a subject's history, "
                + "show or set its level. See docs/SCHEMAS.md.",
        subcommands = {SchemaCommand.Check.class, SchemaCommand.History.class, SchemaCommand.Level.class, SchemaCommand.Deprecated.class})
final class SchemaCommand {
    private SchemaCommand() {}

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check FILE.avsc against the subject's previous versions and print every incompatibility in plain words.",
                "Exit status: 0 compatible, 1 incompatible (or the check could not run: see the 'error:' line), 2 usage error.",
                "Online (default) the previous versions come from the registry, the level from --level or else the subject's "
                        + "level in the registry, and the registry's own verdict is printed too; the check fails if either rejects.",
                "Offline (--offline --previous DIR) the previous versions are DIR's *.avsc/*.json files, ordered by the last "
                        + "number in each name (v1.avsc, v2.avsc, ... v10.avsc); --level defaults to BACKWARD."})
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--subject", required = true, paramLabel = "SUBJECT", description = "The registry subject, e.g. globalmart.public.orders-value.")
        String subject;

        @Option(names = "--schema", required = true, paramLabel = "FILE.avsc", description = "The new schema.")
        Path schema;

        @Option(names = "--level", paramLabel = "LEVEL", converter = LevelConverter.class,
                description = "Override the level: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE.")
        CompatibilityLevel level;

        @Mixin RegistryOptions registry;

        @Option(names = "--offline", description = "Check against files instead of a registry (needs --previous).")
        boolean offline;

        @Option(names = "--previous", paramLabel = "DIR", description = "With --offline: the directory of previous versions.")
        Path previous;

        private final CompatibilityChecker checker = new CompatibilityChecker();

        @Override
        public Integer call() {
            CommandLine cli = spec.commandLine();
            if (offline && previous == null) {
                throw new ParameterException(cli, "--offline needs --previous DIR, the directory of previous versions");
            }
            if (!offline && previous != null) {
                throw new ParameterException(cli, "--previous goes with --offline");
            }
            if (offline && registry.given()) {
                throw new ParameterException(cli, "--offline checks against files; leave out --registry and --dir");
            }
            Schema candidate = SchemaFiles.parse(schema);
            PrintWriter out = cli.getOut();
            try {
                return offline ? offline(candidate, out) : online(candidate, out);
            } finally {
                out.flush();
            }
        }

        private int offline(Schema candidate, PrintWriter out) {
            if (insideDirectory(schema, previous)) {
                out.println("note: " + schema.getFileName() + " lies in " + previous + "; it is the candidate, not a previous version");
            }
            List<PreviousSchema> versions = SchemaFiles.previousVersions(previous, schema);
            CompatibilityLevel effective = level != null ? level : CompatibilityLevel.BACKWARD;
            out.println("subject " + subject + ": checking " + schema + " against the previous versions in " + previous
                    + " (" + describeVersions(versions) + ")");
            out.println("level " + effective + (level != null ? " (from --level)" : " (the offline default)") + ": " + effective.meaning());
            if (versions.isEmpty()) {
                out.println("compatible: no previous version in " + previous + ", so there is nothing this schema could break");
                return 0;
            }
            CompatibilityReport report = checker.check(candidate, versions, effective);
            print(out, candidate, versions, report);
            return report.compatible() ? 0 : 1;
        }

        private int online(Schema candidate, PrintWriter out) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url(spec.commandLine()));
            List<PreviousSchema> versions = Registry.versions(client, subject);
            out.println("subject " + subject + ": checking " + schema + " against the registry at " + client.baseUrl()
                    + " (" + describeVersions(versions) + ")");
            if (versions.isEmpty()) {
                out.println("compatible: the subject has no registered version, so there is no previous version this schema could break");
                return 0;
            }
            CompatibilityLevel effective = level != null ? level : Registry.level(client, subject);
            out.println("level " + effective + (level != null ? " (from --level)" : " (the subject's level in the registry)")
                    + ": " + effective.meaning());
            CompatibilityReport report = checker.check(candidate, versions, effective);
            print(out, candidate, versions, report);
            if (level != null) {
                // The registry can only judge by its own level; with an override its verdict answers another question.
                return report.compatible() ? 0 : 1;
            }
            CompatibilityVerdict verdict = client.testCompatibility(subject, candidate);
            out.println("registry verdict (its test against the latest version): " + (verdict.compatible() ? "compatible" : "INCOMPATIBLE"));
            verdict.messages().forEach(m -> out.println("  " + m));
            if (verdict.compatible() != report.compatible()) {
                out.println(disagreement(report, versions, verdict));
            }
            return report.compatible() && verdict.compatible() ? 0 : 1;
        }

        /**
         * Why the two verdicts can differ. The Confluent API's test endpoint
         * ({@code /compatibility/subjects/S/versions/latest}) compares with the latest version
         * only, whatever the level; registration itself applies a transitive level to every
         * version (Apicurio rejects such a schema at registration; SchemaCommandIT shows it).
         */
        private static String disagreement(CompatibilityReport report, List<PreviousSchema> versions, CompatibilityVerdict verdict) {
            int latest = versions.get(versions.size() - 1).version();
            boolean onlyEarlier = !report.compatible() && report.level().transitive()
                    && report.incompatibilities().stream().allMatch(i -> i.version() != latest);
            if (verdict.compatible() && onlyEarlier) {
                return "note: the registry's test compares with the latest version only; " + report.level()
                        + " also covers the earlier versions the problems above are with, so registering would be refused";
            }
            return "note: the registry and Avro's checker disagree; the check fails if either rejects the schema";
        }

        private static void print(PrintWriter out, Schema candidate, List<PreviousSchema> versions, CompatibilityReport report) {
            PreviousSchema latest = versions.get(versions.size() - 1);
            SchemaDiff diff = SchemaDiff.between(latest.schema(), candidate);
            out.println("changes from version " + latest.version() + (diff.isEmpty() ? ": none" : ":"));
            diff.lines().forEach(l -> out.println("  " + l));
            out.println(report.summary());
            for (Incompatibility i : report.incompatibilities()) {
                out.println("  " + i.describe());
            }
        }

        private static boolean insideDirectory(Path file, Path dir) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                return parent != null && Files.isDirectory(dir) && Files.isSameFile(parent, dir);
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List the subject's versions (version, id) with a readable diff between consecutive versions, "
                    + "and its compatibility level.")
    static final class History implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--subject", required = true, paramLabel = "SUBJECT", description = "The registry subject.")
        String subject;

        @Mixin RegistryOptions registry;

        @Override
        public Integer call() {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url(spec.commandLine()));
            List<SchemaVersion> versions = client.allVersions(subject);
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("subject " + subject + " has no versions in the registry at " + client.baseUrl());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("subject " + subject + ": " + versions.size() + (versions.size() == 1 ? " version" : " versions")
                    + ", compatibility level " + client.compatibility(subject));
            SchemaVersion before = null;
            for (SchemaVersion v : versions) {
                out.println("version " + v.version() + " (id " + v.id() + ")");
                if (before == null) {
                    out.println("  first version: " + shape(v.schema()));
                } else {
                    SchemaDiff diff = SchemaDiff.between(before.schema(), v.schema());
                    if (diff.isEmpty()) {
                        out.println("  no field changes from version " + before.version());
                    }
                    diff.lines().forEach(l -> out.println("  " + l));
                }
                before = v;
            }
            out.flush();
            return 0;
        }

        private static String shape(Schema schema) {
            if (schema.getType() != Schema.Type.RECORD) {
                return schema.getType().getName();
            }
            return "record " + schema.getFullName() + " with fields "
                    + schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
        }
    }

    @Command(name = "deprecated", mixinStandardHelpOptions = true,
            description = "List fields dropped at the source but kept in their subjects' schemas (so consumers keep working), "
                    + "with the version since which each is deprecated.")
    static final class Deprecated implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only subjects starting with PREFIX (e.g. globalmart.).")
        String prefix;

        @Mixin RegistryOptions registry;

        @Override
        public Integer call() {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url(spec.commandLine()));
            List<io.driftwatch.engine.schema.DeprecationReport.Entry> entries = io.driftwatch.engine.schema.DeprecationReport.of(client, prefix);
            PrintWriter out = spec.commandLine().getOut();
            if (entries.isEmpty()) {
                out.println("no deprecated fields");
            }
            for (var e : entries) {
                out.println(e.subject() + ": field '" + e.field() + "' dropped at the source, deprecated since version " + e.sinceVersion()
                        + " (latest " + e.latestVersion() + "); it reads null until consumers stop using it");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "level", mixinStandardHelpOptions = true,
            description = "Show the subject's compatibility level (its own, or the registry's global level), or set it with --set.")
    static final class Level implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--subject", required = true, paramLabel = "SUBJECT", description = "The registry subject.")
        String subject;

        @Option(names = "--set", paramLabel = "LEVEL", converter = LevelConverter.class,
                description = "Set the level: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE.")
        CompatibilityLevel set;

        @Mixin RegistryOptions registry;

        @Override
        public Integer call() {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url(spec.commandLine()));
            PrintWriter out = spec.commandLine().getOut();
            String before = client.compatibility(subject);
            if (set == null) {
                out.println(subject + ": " + before + meaning(before));
            } else {
                client.setCompatibility(subject, set.name());
                // Read it back: what counts is what the registry will enforce, not what we asked for.
                String after = client.compatibility(subject);
                if (!set.name().equalsIgnoreCase(after)) {
                    throw new IllegalStateException("the registry at " + client.baseUrl() + " still reports " + after + " for "
                            + subject + " after setting " + set);
                }
                out.println(subject + ": " + before + " -> " + after + meaning(after));
            }
            out.flush();
            return 0;
        }

        private static String meaning(String level) {
            try {
                return " (" + CompatibilityLevel.parse(level).meaning() + ")";
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }

    /** Where the registry is: {@code --registry URL}, or the local stack's registry from its manifest. */
    static final class RegistryOptions {
        @Option(names = "--registry", paramLabel = "URL",
                description = "A Confluent-compatible registry (default: the running local stack's registry).")
        String url;

        @Option(names = "--dir", paramLabel = "DIR", description = "The local stack directory whose registry to use (default: ~/.driftwatch/stack).")
        Path dir;

        boolean given() {
            return url != null || dir != null;
        }

        String url(CommandLine cli) {
            if (url != null) {
                if (dir != null) {
                    throw new ParameterException(cli, "--registry and --dir are alternatives; give one");
                }
                return url;
            }
            Path stackDir = (dir != null ? dir : StackConfig.defaultDir()).toAbsolutePath().normalize();
            return StackManifest.read(stackDir)
                    .filter(m -> m.state() == StackManifest.State.READY)
                    .map(m -> m.endpoints().registry().url())
                    .orElseThrow(() -> new StackException("no running local stack in " + stackDir
                            + "; start one with 'driftwatch stack up', or pass --registry URL"));
        }
    }

    /** Registry reads shared by the subcommands. */
    private static final class Registry {
        private Registry() {}

        static List<PreviousSchema> versions(SchemaRegistryClient client, String subject) {
            return client.allVersions(subject).stream().map(v -> new PreviousSchema(v.version(), v.schema())).toList();
        }

        static CompatibilityLevel level(SchemaRegistryClient client, String subject) {
            String reported = client.compatibility(subject);
            try {
                return CompatibilityLevel.parse(reported);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the registry reports level '" + reported + "' for " + subject
                        + ", which is not one of " + CompatibilityLevel.validNames() + "; pass --level");
            }
        }
    }

    private static String describeVersions(List<PreviousSchema> versions) {
        if (versions.isEmpty()) {
            return "no previous version";
        }
        return (versions.size() == 1 ? "version " : "versions ")
                + versions.stream().map(v -> String.valueOf(v.version())).collect(Collectors.joining(", "));
    }

    /** {@code --level} and {@code --set} values, parsed leniently with an error naming the valid levels. */
    static final class LevelConverter implements ITypeConverter<CompatibilityLevel> {
        @Override
        public CompatibilityLevel convert(String value) {
            try {
                return CompatibilityLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
