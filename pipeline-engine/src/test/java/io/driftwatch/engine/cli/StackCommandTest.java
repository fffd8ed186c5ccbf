package io.driftwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StackCommandTest {

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

    @Test
    void rejectsAnUnsupportedNumberOfRegionsByName() {
        Run run = run("stack", "up", "--regions", "3", "--dir", "/tmp/never-started");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("--regions must be 1 or 2");
    }

    @Test
    void statusOfAnEmptyDirectorySaysHowToStartOne() {
        Run run = run("stack", "status", "--dir", "/tmp/driftwatch-no-such-stack");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("no stack in").contains("stack up");
    }

    @Test
    void unknownOptionsAreNamed() {
        Run run = run("stack", "up", "--regoins", "2");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("--regoins");
    }

    @Test
    void everyStackSubcommandHasHelp() {
        for (String sub : new String[] {"up", "status", "down"}) {
            Run run = run("stack", sub, "--help");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("Usage: driftwatch stack " + sub);
        }
    }
}
