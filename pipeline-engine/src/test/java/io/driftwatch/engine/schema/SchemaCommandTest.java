package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.cli.DriftwatchCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code driftwatch schema check --offline}: exit codes and what it prints, against files in a temp directory. */
class SchemaCommandTest {
    private static final String PRICE_INT = order("{'name':'id','type':'int'},{'name':'price','type':'int'}");
    private static final String PRICE_LONG = order("{'name':'id','type':'int'},{'name':'price','type':'long'}");
    private static final String WITH_NOTE = order("{'name':'id','type':'int'},{'name':'price','type':'long'},"
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
        return new Run(exit, out.toString(), err.toString());
    }

    private static String order(String fields) {
        return ("{'type':'record','name':'Order','namespace':'globalmart','fields':[" + fields + "]}").replace('\'', '"');
    }

    private Path write(String name, String schema) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, schema);
        return file;
    }

    private Run check(Path candidate, Path previous, String... extra) {
        String[] base = {"schema", "check", "--subject", "orders-value", "--schema", candidate.toString(), "--offline",
            "--previous", previous.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    @Test
    void compatibleChangeExitsZeroAndShowsTheDiff() throws IOException {
        write("prev/v1.avsc", PRICE_INT);
        write("prev/v2.avsc", PRICE_LONG);
        Run run = check(write("new.avsc", WITH_NOTE), tmp.resolve("prev"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("against the previous versions in " + tmp.resolve("prev") + " (versions 1, 2)")
                .contains("level BACKWARD (the offline default)")
                .contains("changes from version 2:\n  + field note: [\"null\",\"string\"] = null")
                .contains("compatible at BACKWARD with version 2");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void incompatibleChangeExitsOneAndNamesFieldTypesAndReader() throws IOException {
        write("prev/v1.avsc", PRICE_INT);
        Run run = check(write("new.avsc", PRICE_LONG), tmp.resolve("prev"), "--level", "FORWARD");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("level FORWARD (from --level)")
                .contains("~ field price: int -> long")
                .contains("INCOMPATIBLE at FORWARD with version 1: 1 problem")
                .contains("  field price: int (version 1) -> long (new schema): consumers still reading with version 1 "
                        + "cannot read data written with the new schema (Avro cannot read long data as int)");
    }

    @Test
    void previousVersionsAreOrderedByTheNumberInTheirNames() throws IOException {
        // Lexicographically v9 would be the latest; numerically v10 is. FORWARD against v10 (long) passes,
        // against v9 (int) it would fail.
        write("prev/v2.avsc", PRICE_INT);
        write("prev/v9.avsc", PRICE_INT);
        write("prev/v10.avsc", PRICE_LONG);
        Run run = check(write("new.avsc", PRICE_LONG), tmp.resolve("prev"), "--level", "forward");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("(versions 2, 9, 10)").contains("compatible at FORWARD with version 10");

        Run transitive = check(tmp.resolve("new.avsc"), tmp.resolve("prev"), "--level", "FORWARD_TRANSITIVE");
        assertThat(transitive.exit()).isEqualTo(1);
        assertThat(transitive.out()).contains("INCOMPATIBLE at FORWARD_TRANSITIVE with versions 2, 9, 10: 2 problems")
                .contains("version 2 cannot read").contains("version 9 cannot read");
    }

    @Test
    void bareNumberNamesWorkToo() throws IOException {
        write("prev/1.avsc", PRICE_INT);
        write("prev/2.avsc", PRICE_LONG);
        Run run = check(write("new.avsc", PRICE_INT), tmp.resolve("prev"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("field price: long (version 2) -> int (new schema): consumers upgraded to the new schema "
                + "cannot read data written with version 2 (Avro cannot read long data as int)");
    }

    @Test
    void anEmptyDirectoryMeansNoPreviousVersion() throws IOException {
        Files.createDirectories(tmp.resolve("prev"));
        Run run = check(write("new.avsc", PRICE_INT), tmp.resolve("prev"), "--level", "FULL_TRANSITIVE");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("compatible: no previous version in " + tmp.resolve("prev"));
    }

    @Test
    void theCandidateIsNeverItsOwnPreviousVersion() throws IOException {
        write("schemas/v1.avsc", PRICE_INT);
        Path candidate = write("schemas/v2.avsc", PRICE_LONG);
        Run run = check(candidate, tmp.resolve("schemas"), "--level", "FULL");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("note: v2.avsc lies in").contains("(version 1)")
                .contains("INCOMPATIBLE at FULL with version 1");
    }

    @Test
    void noneAcceptsAnything() throws IOException {
        write("prev/v1.avsc", PRICE_LONG);
        Run run = check(write("new.avsc", order("{'name':'id','type':'string'}")), tmp.resolve("prev"), "--level", "NONE");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("compatible: level NONE accepts every schema");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path candidate = write("new.avsc", PRICE_INT);
        Files.createDirectories(tmp.resolve("prev"));

        Run noPrevious = run("schema", "check", "--subject", "s", "--schema", candidate.toString(), "--offline");
        assertThat(noPrevious.exit()).isEqualTo(2);
        assertThat(noPrevious.err()).contains("--offline needs --previous DIR");

        Run previousOnline = run("schema", "check", "--subject", "s", "--schema", candidate.toString(), "--previous", "prev");
        assertThat(previousOnline.exit()).isEqualTo(2);
        assertThat(previousOnline.err()).contains("--previous goes with --offline");

        Run both = check(candidate, tmp.resolve("prev"), "--registry", "http://127.0.0.1:1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("leave out --registry");

        Run badLevel = check(candidate, tmp.resolve("prev"), "--level", "SIDEWAYS");
        assertThat(badLevel.exit()).isEqualTo(2);
        assertThat(badLevel.err()).contains("unknown compatibility level 'SIDEWAYS'")
                .contains("BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE");

        Run noSubject = run("schema", "check", "--schema", candidate.toString(), "--offline", "--previous", "prev");
        assertThat(noSubject.exit()).isEqualTo(2);
        assertThat(noSubject.err()).contains("--subject");
    }

    @Test
    void unreadableSchemasAreErrorsNamingTheFile() throws IOException {
        write("prev/v1.avsc", PRICE_INT);
        Path broken = write("new.avsc", "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\"}]}");
        Run run = check(broken, tmp.resolve("prev"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cannot parse " + broken);

        write("odd/latest.avsc", PRICE_INT);
        Run unnumbered = check(write("new2.avsc", PRICE_INT), tmp.resolve("odd"));
        assertThat(unnumbered.exit()).isEqualTo(1);
        assertThat(unnumbered.err()).contains("cannot tell the version of").contains("latest.avsc");
    }

    @Test
    void onlineWithoutARunningStackSaysHowToStartOne() throws IOException {
        Run run = run("schema", "check", "--subject", "s", "--schema", write("new.avsc", PRICE_INT).toString(),
                "--dir", tmp.resolve("no-stack").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: no running local stack in").contains("driftwatch stack up").contains("--registry URL");

        Run history = run("schema", "history", "--subject", "s", "--dir", tmp.resolve("no-stack").toString());
        assertThat(history.exit()).isEqualTo(1);
        assertThat(history.err()).contains("no running local stack");
    }

    @Test
    void everySchemaSubcommandHasHelp() {
        Run top = run("schema", "--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("check").contains("history").contains("level");
        for (String sub : new String[] {"check", "history", "level"}) {
            Run run = run("schema", sub, "--help");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("Usage: driftwatch schema " + sub);
        }
    }
}
