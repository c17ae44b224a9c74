package org.newsgraph.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the JavaScript client tests in {@code src/test/js} ({@code npm ci} once per lock file, then {@code node --test}) against
 * this test server and its demo data: Apollo Client (cursors, fragments, {@code __typename}, persisted queries
 * over GET), urql's graphcache and Relay (relay-compiler compiles the published operations against the served
 * schema, relay-runtime normalizes their answers), as frontends send them. Fails, rather than skips, when
 * Node.js or npm is missing.
 */
@IntegrationTest
class JsClientIT {

    static final File CLIENT_DIR = new File("src/test/js");

    @LocalServerPort
    int port;

    @Test
    void apolloClientSuite_passesAgainstTheServer() throws Exception {
        requireTool("node", "--version");
        requireTool("npm", "--version");
        String url = "http://localhost:" + port + "/graphql";
        installPackages(url);
        // the development condition turns on Apollo Client's warnings, which the tests count
        assertThat(run(List.of("node", "--conditions=development", "--test"), url))
                .as("node --test in " + CLIENT_DIR + " against " + url)
                .isZero();
    }

    /**
     * {@code npm ci} of {@code src/test/js}, once per {@code package-lock.json}: {@code src/build/node-modules.sh}
     * installs into a cache shared by checkouts and links {@code node_modules} to it, so a fresh clone does not
     * unpack the same 160 MB again. LiveSubscriptionsIT uses the same packages.
     */
    static void installPackages(String url) throws Exception {
        assertThat(run(List.of("sh", "../../build/node-modules.sh", "."), url))
                .as("src/build/node-modules.sh " + CLIENT_DIR)
                .isZero();
    }

    static void requireTool(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() == 0) {
                System.out.println(command[0] + " " + version);
                return;
            }
        } catch (IOException | InterruptedException ex) {
            // reported below
        }
        fail("""
                ====================================================================================
                %s is not installed: the JavaScript client contract test cannot run.
                Install Node.js 18+ and npm (Debian: apt-get install -y nodejs npm), then run again.
                ====================================================================================""", command[0]);
    }

    /** Runs a command in src/test/js, streaming its output into the build log; returns the exit code. */
    static int run(List<String> command, String url) throws Exception {
        var builder = new ProcessBuilder(command).directory(CLIENT_DIR).redirectErrorStream(true);
        builder.environment().put("NEWSGRAPH_GRAPHQL_URL", url);
        builder.environment().put("NO_COLOR", "1");
        var process = builder.start();
        try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach((line) -> System.out.println("[js] " + line));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }
}
