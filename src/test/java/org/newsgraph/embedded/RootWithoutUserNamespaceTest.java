package org.newsgraph.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.NewsGraphApplication;
import org.newsgraph.embedded.UserNamespaceCheck.Run;
import org.newsgraph.support.SharesNothing;

/**
 * The run command as root where user namespaces are blocked (a chroot, such a container): the embedded PostgreSQL
 * cannot start there, and the application says so once, with the ways out, before initdb runs, instead of failing
 * in initdb with a stack trace. The machine's answer is played by an {@code id} that says root and an
 * {@code unshare} that is refused, first on the PATH of the application's own process.
 */
@SharesNothing
class RootWithoutUserNamespaceTest {

    @TempDir
    Path directory;

    @Test
    void asRootWithoutAUserNamespace_theRunCommandStopsBeforeInitdb_withOneMessageAndTheWaysOut() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        script(bin.resolve("id"), "echo 0");
        script(bin.resolve("unshare"), "echo 'unshare: unshare failed: Operation not permitted' >&2; exit 1");
        Path data = directory.resolve("pgdata");
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                NewsGraphApplication.class.getName(),
                "--server.port=0",
                "--newsgraph.embedded.port=0",
                "--newsgraph.embedded.data-directory=" + data,
                "--spring.datasource.url=");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        var process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The embedded PostgreSQL cannot start here")
                .contains("unshare -U: unshare: unshare failed: Operation not permitted")
                .contains("run NewsGraph as an ordinary user")
                .contains("SPRING_DATASOURCE_URL=jdbc:postgresql://")
                .contains("docker compose up");
        assertThat(output).as("one message, no stack trace").doesNotContain("\tat ", "Caused by");
        assertThat(output).containsOnlyOnce("The embedded PostgreSQL cannot start here");
        assertThat(data.resolve("PG_VERSION")).as("initdb never ran").doesNotExist();
    }

    @Test
    void theCheck_objectsOnlyToRootWithoutAUserNamespace() {
        var root = new Run(0, "0\n");
        var refused = new Run(1, "unshare: unshare failed: Operation not permitted\n");
        assertThat(UserNamespaceCheck.problem(root, refused))
                .hasValue("unshare -U: unshare: unshare failed: Operation not permitted");
        assertThat(UserNamespaceCheck.problem(root, new Run(-1, "")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("there is no unshare"));
        assertThat(UserNamespaceCheck.problem(root, new Run(0, "")))
                .as("root with a namespace")
                .isEmpty();
        assertThat(UserNamespaceCheck.problem(new Run(0, "1000\n"), refused))
                .as("an ordinary user")
                .isEmpty();
        assertThat(UserNamespaceCheck.problem(new Run(-1, ""), refused))
                .as("no id: not Unix")
                .isEmpty();
    }

    private static void script(Path path, String body) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
