package org.newsgraph.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The argument parsing every command shares: typed options, usage errors with exit code 2. */
@ResourceLock(Resources.SYSTEM_ERR) // replaces System.err
class NewsGraphCommandTest {

    static final class Options {
        @Parameters(paramLabel = "FILE")
        List<String> files = new ArrayList<>();

        @Option(names = "--size")
        int size = 10;

        @Option(names = "--fast")
        boolean fast;
    }

    /** A command that records what it was run with. */
    static final class Echo implements NewsGraphCommand<Options> {
        final List<Options> runs = new ArrayList<>();

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "FILE... [--size N] [--fast]: echo";
        }

        @Override
        public Options options() {
            return new Options();
        }

        @Override
        public int execute(Options options) {
            runs.add(options);
            return 0;
        }
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    @Test
    void options_areParsedIntoAFreshObjectPerRun_inBothOptionForms() throws Exception {
        var echo = new Echo();
        assertThat(echo.run(List.of("a", "--size", "3", "b", "--fast"))).isZero();
        assertThat(echo.run(List.of("--size=7", "c"))).isZero();
        assertThat(echo.runs.get(0).files).containsExactly("a", "b");
        assertThat(echo.runs.get(0).size).isEqualTo(3);
        assertThat(echo.runs.get(0).fast).isTrue();
        assertThat(echo.runs.get(1).files).containsExactly("c");
        assertThat(echo.runs.get(1).size).isEqualTo(7);
        assertThat(echo.runs.get(1).fast).isFalse();
    }

    @Test
    void unknownOptions_andMistypedValues_exitWithTwo_andPrintTheUsage_withoutRunning() throws Exception {
        var echo = new Echo();
        assertThat(echo.run(List.of("--frobnicate", "a"))).isEqualTo(2);
        assertThat(echo.run(List.of("--size", "many", "a"))).isEqualTo(2);
        assertThat(echo.run(List.of("a", "--size"))).isEqualTo(2);
        assertThat(echo.runs).isEmpty();
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("echo: unknown option --frobnicate")
                .contains("many")
                .contains("usage: echo FILE... [--size N] [--fast]: echo");
    }
}
