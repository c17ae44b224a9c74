package org.newsgraph.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/build/tools.sh}, which the build runs so that {@code ./mvnw verify} works on a fresh machine:
 * run with a PATH that holds none of the programs (as on a machine without them), it names every missing
 * program and its Debian package; as root on Debian it would install them ({@code --dry-run} changes
 * nothing), otherwise it stops with the command to run. Before the tests, it checks that their embedded
 * PostgreSQL can start (as root it needs a user namespace) and otherwise says why not.
 */
class ToolsScriptTest {

    static final Path SCRIPT = Path.of("src/build/tools.sh");

    @TempDir
    Path bin;

    record Run(int exitCode, String output) {}

    /** Runs the script with a PATH of only {@code id} (which it uses), so node, npm, chromium... are missing. */
    Run run(String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), args);
    }

    Run run(java.util.Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Files.createSymbolicLink(bin.resolve("id"), Path.of("/usr/bin/id"));
        var command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        builder.environment().remove("NEWSGRAPH_TEST_DATABASE_URL");
        builder.environment().remove("DOCKER_HOST");
        builder.environment().putAll(environment);
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    static boolean rootOnDebian() throws IOException, InterruptedException {
        var id = new ProcessBuilder("/usr/bin/id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return Files.exists(Path.of("/etc/debian_version")) && uid.equals("0");
    }

    @Test
    void integrationTests_needNodeNpmChromiumAndChromedriver_whichAreInstalledOrNamed() throws Exception {
        var run = run("--dry-run", "it");
        assertThat(run.output())
                .contains("node (Debian package nodejs)")
                .contains("npm (Debian package npm)")
                .contains("chromium (Debian package chromium)")
                .contains("chromedriver (Debian package chromium-driver)");
        if (rootOnDebian()) {
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output())
                    .contains("would install from Debian's packages: nodejs npm chromium chromium-driver");
        } else {
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("-DskipITs");
        }
    }

    @Test
    void theBuild_needsOnlyNodeAndNpm_notTheBrowser() throws Exception {
        var run = run("--dry-run", "build");
        assertThat(run.output()).contains("nodejs").contains("npm").doesNotContain("chromium");
    }

    /**
     * As root, the tests' embedded PostgreSQL needs a user namespace ({@code unshare -U}); here there is no
     * {@code unshare} on the PATH, as where none is allowed: the check says why the tests cannot run, and the
     * three ways out. As another user, or with a Docker engine, it has nothing to say.
     */
    @Test
    void theDatabaseCheck_asRootWithoutAUserNamespace_saysWhyTheTestsCannotRun_andWhatToDo() throws Exception {
        var run = run("db");
        if (uid().equals("0") && !Files.exists(Path.of("/var/run/docker.sock"))) {
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output())
                    .contains("embedded PostgreSQL cannot start here")
                    .contains("unshare -U: there is no unshare")
                    .contains("NEWSGRAPH_TEST_DATABASE_URL")
                    .contains("-DskipTests");
        } else {
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).isEmpty();
        }
    }

    @Test
    void theDatabaseCheck_withATestDatabaseUrl_hasNothingToSay() throws Exception {
        var run = run(java.util.Map.of("NEWSGRAPH_TEST_DATABASE_URL", "jdbc:postgresql://db:5432/newsgraph"), "db");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).isEmpty();
    }

    static String uid() throws IOException, InterruptedException {
        var id = new ProcessBuilder("/usr/bin/id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return uid;
    }

    @Test
    void skippedTests_needNothing() throws Exception {
        var run = run("--dry-run", "it", "true");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).isEmpty();
    }
}
