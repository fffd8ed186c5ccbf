package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cli.DriftwatchCli;
import io.driftwatch.engine.registry.IncompatibleSchemaException;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code driftwatch schema check|history|level} against the local stack's real registry (Apicurio
 * speaking the Confluent API). Each test registers its own versions under a fresh subject.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaCommandIT {
    private static final String V1 = order("{'name':'id','type':'int'},{'name':'price','type':'int'}");
    private static final String V2 = order("{'name':'id','type':'int'},{'name':'price','type':'int'},"
            + "{'name':'note','type':['null','string'],'default':null}");
    private static final String V3 = order("{'name':'id','type':'int'},{'name':'price','type':'long'},"
            + "{'name':'note','type':['null','string'],'default':null}");

    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = DriftwatchCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        // Kept in the failsafe report, so a failure shows exactly what the command printed.
        System.out.println("$ driftwatch " + String.join(" ", args) + "\n" + out + err + "(exit " + exit + ")\n");
        return new Run(exit, out.toString(), err.toString());
    }

    private static String order(String fields) {
        return ("{'type':'record','name':'Order','namespace':'globalmart','fields':[" + fields + "]}").replace('\'', '"');
    }

    private static String subject() {
        return "schema-it-" + UUID.randomUUID() + "-value";
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private Path file(String name, String schema) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, schema);
        return file;
    }

    @Test
    void checkUsesTheSubjectsLevelAndReportsTheRegistrysVerdict(StackEndpoints endpoints) throws IOException {
        String url = endpoints.registry().url();
        SchemaRegistryClient registry = new SchemaRegistryClient(url);
        String subject = subject();
        registry.register(subject, parse(V1));
        registry.setCompatibility(subject, "BACKWARD");
        registry.register(subject, parse(V2));

        String withSku = order("{'name':'id','type':'int'},{'name':'price','type':'int'},"
                + "{'name':'note','type':['null','string'],'default':null},{'name':'sku','type':'string'}");
        Run broken = run("schema", "check", "--subject", subject, "--schema", file("sku.avsc", withSku).toString(), "--registry", url);
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out())
                .contains("against the registry at " + url + " (versions 1, 2)")
                .contains("level BACKWARD (the subject's level in the registry)")
                .contains("+ field sku: string (no default)")
                .contains("INCOMPATIBLE at BACKWARD with version 2: 1 problem")
                .contains("field sku: absent (version 2) -> string without a default (new schema): consumers upgraded to the new "
                        + "schema cannot read data written with version 2")
                .contains("registry verdict (its test against the latest version): INCOMPATIBLE")
                .doesNotContain("disagree");

        Run fine = run("schema", "check", "--subject", subject, "--schema", file("v3.avsc", V3).toString(), "--registry", url);
        assertThat(fine.exit()).as(fine.out() + fine.err()).isZero();
        assertThat(fine.out()).contains("~ field price: int -> long").contains("compatible at BACKWARD with version 2")
                .contains("registry verdict (its test against the latest version): compatible").doesNotContain("disagree");

        // An override answers a question the registry was not asked, so only the local verdict is shown.
        Run forward = run("schema", "check", "--subject", subject, "--schema", file("v3.avsc", V3).toString(), "--registry", url,
                "--level", "FORWARD");
        assertThat(forward.exit()).isEqualTo(1);
        assertThat(forward.out()).contains("level FORWARD (from --level)")
                .contains("field price: int (version 2) -> long (new schema): consumers still reading with version 2 cannot read "
                        + "data written with the new schema")
                .doesNotContain("registry verdict");
    }

    @Test
    void transitiveLevelsCheckEveryRegisteredVersion(StackEndpoints endpoints) throws IOException {
        String url = endpoints.registry().url();
        SchemaRegistryClient registry = new SchemaRegistryClient(url);
        String subject = subject();
        registry.register(subject, parse(order("{'name':'id','type':'int'}")));
        registry.register(subject, parse(order("{'name':'id','type':'int'},{'name':'sku','type':'string','default':''}")));
        registry.setCompatibility(subject, "BACKWARD_TRANSITIVE");

        Path candidate = file("v3.avsc", order("{'name':'id','type':'int'},{'name':'sku','type':'string'}"));
        Run run = run("schema", "check", "--subject", subject, "--schema", candidate.toString(), "--registry", url);
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("INCOMPATIBLE at BACKWARD_TRANSITIVE with versions 1, 2: 1 problem")
                .contains("field sku: absent (version 1)")
                .contains("registry verdict (its test against the latest version): compatible")
                .contains("note: the registry's test compares with the latest version only");

        Run latestOnly = run("schema", "check", "--subject", subject, "--schema", candidate.toString(), "--registry", url,
                "--level", "BACKWARD");
        assertThat(latestOnly.exit()).as(latestOnly.out()).isZero();
        assertThat(latestOnly.out()).contains("compatible at BACKWARD with version 2");

        // The registry's test endpoint only compares with the latest version and said compatible;
        // registration applies the transitive level and agrees with the local verdict.
        Schema candidateSchema = new Schema.Parser().parse(candidate.toFile());
        assertThatThrownBy(() -> registry.register(subject, candidateSchema)).isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void aSubjectWithoutVersionsHasNothingToBreak(StackEndpoints endpoints) throws IOException {
        String subject = subject();
        Run run = run("schema", "check", "--subject", subject, "--schema", file("v1.avsc", V1).toString(),
                "--registry", endpoints.registry().url());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("(no previous version)").contains("compatible: the subject has no registered version");
    }

    @Test
    void historyListsVersionsWithDiffsAndTheLevel(LocalStack stack, StackEndpoints endpoints) {
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registry().url());
        String subject = subject();
        int id1 = registry.register(subject, parse(V1));
        registry.setCompatibility(subject, "BACKWARD");
        int id2 = registry.register(subject, parse(V2));
        int id3 = registry.register(subject, parse(V3));

        // No --registry: the registry comes from the stack's manifest.
        Run run = run("schema", "history", "--subject", subject, "--dir", stack.dir().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "subject " + subject + ": 3 versions, compatibility level BACKWARD",
                "version 1 (id " + id1 + ")",
                "  first version: record globalmart.Order with fields id, price",
                "version 2 (id " + id2 + ")",
                "  + field note: [\"null\",\"string\"] = null",
                "version 3 (id " + id3 + ")",
                "  ~ field price: int -> long",
                ""));

        Run missing = run("schema", "history", "--subject", subject(), "--registry", endpoints.registry().url());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("has no versions in the registry");
    }

    @Test
    void levelIsShownAndSet(LocalStack stack, StackEndpoints endpoints) {
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registry().url());
        String subject = subject();
        registry.register(subject, parse(V1));
        String before = registry.compatibility(subject);

        Run show = run("schema", "level", "--subject", subject, "--registry", endpoints.registry().url());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).startsWith(subject + ": " + before);

        Run set = run("schema", "level", "--subject", subject, "--set", "full_transitive", "--dir", stack.dir().toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).startsWith(subject + ": " + before + " -> FULL_TRANSITIVE (");
        assertThat(registry.compatibility(subject)).isEqualTo("FULL_TRANSITIVE");

        Run after = run("schema", "level", "--subject", subject, "--registry", endpoints.registry().url());
        assertThat(after.out()).isEqualTo(subject + ": FULL_TRANSITIVE (" + CompatibilityLevel.FULL_TRANSITIVE.meaning() + ")\n");

        Run bad = run("schema", "level", "--subject", subject, "--set", "SIDEWAYS", "--registry", endpoints.registry().url());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("valid levels");
    }
}
